import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { dashboardMismatches } from './modules/dashboards/verify.ts';
import { nationalCounterMismatches } from './modules/participation/repository.ts';
import { counterMismatches } from './modules/registrations/repository.ts';
import { startServer, stopOnSignals } from './server.ts';

const usage = `使い方 / usage: furusato <command>
  serve     サーバーを起動（マイグレーションを含む） / start the server (runs migrations first)
  migrate   マイグレーションとマスターデータの更新のみ / apply migrations and refresh master data, then exit
  verify-counters  登録数・ダッシュボードのカウンターを全件の再集計と照合（不一致で終了コード1） / check the counters (registrations and dashboards) against a full recount (exit 1 on a mismatch)
  bench-data  ベンチマーク用の登録データを PostgreSQL に生成 [--people 10000000] [--registrations 100000000] [--database-url URL] [--append] / generate benchmark data on a PostgreSQL server
  dev-idp   開発用の本人確認サービス（マイナンバーカードの代わり）を起動 [--port 4000] / start the dev identity provider`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const server = await startServer(config);
      stopOnSignals(server);
      const where = config.database.kind === 'embedded' ? config.database.dataDir : 'PostgreSQL server';
      console.log(`\nFurusato: ${server.url.replace('0.0.0.0', 'localhost')}  (database: ${where})\n`);
      return -1;
    }
    case 'migrate': {
      const database = await openDatabase(config.database);
      try {
        const result = await prepareDatabase(database.db, { demoData: config.demoData });
        console.log(
          result.migrationsApplied.length
            ? `applied: ${result.migrationsApplied.join(', ')}`
            : 'マイグレーションは最新です / migrations are up to date',
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'verify-counters': {
      const database = await openDatabase(config.database);
      try {
        const started = performance.now();
        const mismatches = [
          ...(await counterMismatches(database.db)),
          ...(await dashboardMismatches(database.db)),
          ...(await nationalCounterMismatches(database.db)),
        ];
        const ms = Math.round(performance.now() - started);
        if (mismatches.length === 0) {
          console.log(`カウンターは再集計と一致しました / counters equal a full recount (${ms} ms)`);
          return 0;
        }
        console.error('カウンターが再集計と一致しません / counters differ from a full recount:');
        console.error(JSON.stringify(mismatches, null, 2));
        return 1;
      } finally {
        await database.close();
      }
    }
    case 'bench-data': {
      // Loaded only here: a benchmark tool, not part of serving the app.
      const { BenchDataRefused, generateBenchData, parseBenchDataArgs } = await import('./db/bench-data.ts');
      try {
        const options = parseBenchDataArgs(argv.slice(1), process.env);
        const database = await openDatabase({ kind: 'server', url: options.databaseUrl, poolSize: 2 });
        try {
          await prepareDatabase(database.db, { demoData: false });
        } finally {
          await database.close();
        }
        const result = await generateBenchData({ ...options, log: (line) => console.log(line) });
        console.log(JSON.stringify(result));
        return 0;
      } catch (error) {
        if (!(error instanceof BenchDataRefused)) throw error;
        console.error(error.message);
        return 2;
      }
    }
    case 'dev-idp': {
      // Loaded only here: oidc-provider is not needed to serve the app.
      const { runDevIdp } = await import('./modules/identity/dev-idp-cli.ts');
      const idp = await runDevIdp(config, argv.slice(1));
      const stop = () => idp.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    default:
      console.error(`不明なコマンド / unknown command: ${command}\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
