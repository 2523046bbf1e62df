import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../../config.ts';
import { DEMO_ACCOUNT_ID, DEMO_PIN, type DevIdp, startDevIdp } from './dev-idp.ts';
import { CALLBACK_PATH } from './index.ts';
import { loadOrCreateDevKeys, publicJwkOf } from './keys.ts';

export const DEV_CLIENT_ID = 'furusato-dev';
const DEFAULT_PORT = 4000;

function portFrom(args: string[]): number {
  const given = args[args.indexOf('--port') + 1];
  if (!args.includes('--port')) return DEFAULT_PORT;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port: not a port: ${given}`);
  return port;
}

/**
 * `furusato dev-idp [--port 4000]`: the local stand-in for the My Number Card provider. Its keys live under
 * DATA_DIR/dev-idp (made on first start), so the settings it prints stay valid across restarts; they are
 * also written to DATA_DIR/dev-idp/app.env for `node --env-file`.
 */
export async function runDevIdp(config: Config, args: string[]): Promise<DevIdp> {
  if (config.env === 'production') throw new ConfigError('dev-idp は開発専用です / dev-idp is for development only');
  const dataDir =
    config.database.kind === 'embedded' ? config.database.dataDir : path.resolve(process.env.DATA_DIR ?? './data');
  const dir = path.join(dataDir, 'dev-idp');
  const keys = loadOrCreateDevKeys(dir);
  const redirectUri = `${config.publicUrl}${CALLBACK_PATH}`;
  const idp = await startDevIdp({
    port: portFrom(args),
    clientId: DEV_CLIENT_ID,
    clientJwks: { keys: [publicJwkOf(keys.clientKey)] },
    redirectUri,
    signingJwk: keys.signingKey,
    clientName: 'ふるさと住民（開発環境）',
    loginHint: `デモ用の利用者ID「${DEMO_ACCOUNT_ID}」、暗証番号「${DEMO_PIN}」でログインできます。`,
  });
  const settings = {
    IDENTITY_ISSUER_URL: idp.issuer,
    IDENTITY_CLIENT_ID: DEV_CLIENT_ID,
    IDENTITY_PRIVATE_JWK: JSON.stringify(keys.clientKey),
  };
  const lines = Object.entries(settings).map(([name, value]) => `${name}='${value}'`);
  const envFile = path.join(dir, 'app.env');
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  const relative = path.relative(process.cwd(), envFile);
  const shown = relative.startsWith('..') ? envFile : relative;
  console.log(`
開発用の本人確認サービス（マイナンバーカードの代わり） / Dev identity provider: ${idp.issuer}
  戻り先 / redirect URI: ${redirectUri}
  デモ用ログイン / demo login: 利用者ID ${DEMO_ACCOUNT_ID}, 暗証番号 ${DEMO_PIN}
  鍵 / keys: ${path.join(dir, 'keys.json')}${keys.created ? ' (new)' : ''}

アプリを次の設定で起動してください / Start the app with these settings:
  ${lines.join('\n  ')}
例 / e.g.: node --env-file=${shown} src/cli.ts serve
`);
  return idp;
}
