import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Without DATABASE_URL the product runs on an embedded PGlite stored under DATA_DIR.
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // Sign-in requests per client address per 15 minutes: e-mail sending is what an attacker would abuse.
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  // The address people reach the service at: links in e-mails point here.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Without SMTP_URL mail stays in the outbox, shown on the developer mail page.
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('ふるさと住民 <no-reply@furusato.localhost>'),
  // Newsletter messages per second across all sends: what the mail relay and the recipients' providers accept.
  NEWSLETTER_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(20),
  NEWSLETTER_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // My Number Card identity verification (OpenID Connect), all three or none: without them the feature answers
  // IDENTITY_VERIFICATION_UNAVAILABLE. `npx furusato dev-idp` starts a local test provider and prints values.
  IDENTITY_ISSUER_URL: z.url({ protocol: /^https?$/ }).optional(),
  IDENTITY_CLIENT_ID: z.string().min(1).max(200).optional(),
  IDENTITY_PRIVATE_JWK: z.string().min(2).optional(),
});

const IDENTITY_VARIABLES = ['IDENTITY_ISSUER_URL', 'IDENTITY_CLIENT_ID', 'IDENTITY_PRIVATE_JWK'] as const;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface IdentityConfig {
  issuerUrl: string;
  clientId: string;
  /** The private key (JWK) this service signs its client assertions with (private_key_jwt). */
  privateJwk: JsonWebKey;
}

/** The identity provider settings, or the reasons they are unusable (one line per variable). */
function identityConfigOf(env: z.infer<typeof configSchema>): IdentityConfig | null | string[] {
  const given = IDENTITY_VARIABLES.filter((name) => env[name] !== undefined);
  if (given.length === 0) return null;
  if (given.length < IDENTITY_VARIABLES.length) {
    return IDENTITY_VARIABLES.filter((name) => env[name] === undefined).map(
      (name) => `  ${name}: ${IDENTITY_VARIABLES.join(', ')} を一緒に設定してください / set all three together`,
    );
  }
  const problems: string[] = [];
  const issuer = new URL(env.IDENTITY_ISSUER_URL as string);
  // Plain http only to a provider on this machine (the dev IdP); anything else must be https.
  if (issuer.protocol !== 'https:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    problems.push(
      '  IDENTITY_ISSUER_URL: https が必要です（http は localhost のみ） / https is required (http only on localhost)',
    );
  }
  let privateJwk: JsonWebKey | undefined;
  try {
    privateJwk = JSON.parse(env.IDENTITY_PRIVATE_JWK as string) as JsonWebKey;
    if (typeof privateJwk !== 'object' || privateJwk === null || !privateJwk.d) throw new Error('not a private key');
    createPrivateKey({ key: privateJwk, format: 'jwk' });
  } catch {
    problems.push(
      '  IDENTITY_PRIVATE_JWK: 秘密鍵の JWK（JSON）を指定してください / must be a private key as a JWK (JSON)',
    );
  }
  if (problems.length > 0 || !privateJwk) return problems;
  // The issuer is compared with the provider's own identifier character for character: kept as given.
  return { issuerUrl: env.IDENTITY_ISSUER_URL as string, clientId: env.IDENTITY_CLIENT_ID as string, privateJwk };
}

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string; poolSize: number };
  logLevel: string;
  rateLimitPerMinute: number;
  signInRateLimit: number;
  demoData: boolean;
  publicUrl: string;
  /** Session cookies carry Secure whenever the public address is https. */
  cookieSecure: boolean;
  mail: { smtpUrl?: string; from: string };
  newsletters: { ratePerSecond: number; retryDelaySeconds: number };
  /** null: identity verification is not offered by this deployment. */
  identity: IdentityConfig | null;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`設定が正しくありません / Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const identity = identityConfigOf(c);
  if (Array.isArray(identity)) {
    throw new ConfigError(`設定が正しくありません / Invalid configuration:\n${identity.join('\n')}`);
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    database: c.DATABASE_URL
      ? { kind: 'server', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE }
      : { kind: 'embedded', dataDir: path.resolve(c.DATA_DIR) },
    logLevel: c.LOG_LEVEL,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    signInRateLimit: c.SIGN_IN_RATE_LIMIT,
    demoData: c.DEMO_DATA,
    publicUrl,
    cookieSecure: publicUrl.startsWith('https:'),
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    newsletters: { ratePerSecond: c.NEWSLETTER_RATE_PER_SECOND, retryDelaySeconds: c.NEWSLETTER_RETRY_DELAY_SECONDS },
    identity,
  };
}
