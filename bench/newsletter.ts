import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { summariseLatencies } from './lib/latency.ts';
import { type MachineInfo, machineInfo } from './lib/machine.ts';
import { createScratchDatabase, redactUrl } from './lib/postgres.ts';
import { insertResidents, makeResidents } from './lib/residents.ts';
import { kibToMiB, RssSampler } from './lib/rss.ts';
import { freePort, startChildServer } from './lib/server.ts';
import { round } from './lib/summary.ts';
import { type BenchmarkOutcome, UsageError } from './lib/types.ts';

const TENANT = '042056';

export const usage = `npm run bench -- newsletter [options]

  One newsletter to N registrants of one municipality (${TENANT} 気仙沼市) on the PostgreSQL server, through the
  real server process: the send request (fixing the recipients and queueing the pg-boss batch jobs in one
  transaction) is the enqueue time; the workers then deliver by SMTP to a local sink in this process, which
  checks that every recipient got exactly one message. While it runs, clients read the public municipality page
  (GET /api/v1/municipalities/${TENANT}) at a steady rate: their p50/p99 show whether the API stays responsive.

  --database-url <url>   the PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/furusato_newsletter_bench
                         (created for the run and dropped after; it must not exist)
  --recipients <n>       registrants who consented to news (default 1000000)
  --rate <n>             the server's send-rate limit, messages/s (default 100000: the limit does not bind)
  --read-rate <n>        reads/s of the public municipality page during the send (default 20)
  --timeout <s>          give up when delivery takes longer (default 3600)
  --window <s>           measure delivery for this long only, then stop (default 0: until every recipient has it).
                         For a scale the machine cannot deliver in the time available: the enqueue is complete,
                         throughput is what the window delivered, and the check is that nobody got two messages.`;

interface Options {
  databaseUrl: string;
  recipients: number;
  rate: number;
  readRate: number;
  timeoutS: number;
  windowS: number;
}

function parse(argv: string[]): Options {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'database-url': { type: 'string' },
        recipients: { type: 'string', default: '1000000' },
        rate: { type: 'string', default: '100000' },
        'read-rate': { type: 'string', default: '20' },
        timeout: { type: 'string', default: '3600' },
        window: { type: 'string', default: '0' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const integer = (name: string, min: number): number => {
    const text = values[name] ?? '';
    if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
    return Number(text);
  };
  if (!values['database-url']) throw new UsageError('--database-url is required (the run is on the PostgreSQL server)');
  return {
    databaseUrl: values['database-url'],
    recipients: integer('recipients', 1),
    rate: integer('rate', 1),
    readRate: integer('read-rate', 1),
    timeoutS: integer('timeout', 1),
    windowS: integer('window', 0),
  };
}

/** An SMTP server that counts what it receives per address (it keeps no message bodies). */
async function startCountingSink() {
  const perAddress = new Map<string, number>();
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 64,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        messages++;
        for (const r of session.envelope.rcptTo) perAddress.set(r.address, (perAddress.get(r.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    perAddress,
    messages: () => messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Registrants with an address and consent to news, written in chunks of one statement per table. */
async function insertRecipients(client: pg.Client, count: number): Promise<void> {
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(from + chunk, count);
    await client.query(
      `with p as (
         insert into people (email, residence_prefecture)
         select 'nl' || n || '@bench.example.invalid', '13' from generate_series($1::int, $2::int - 1) n
         returning id)
       insert into registrations (municipality_code, person_id, relation_types, consents, residence_prefecture, source)
       select $3, id, '{1}', '{news,name}', '13', 'import' from p`,
      [from, to, TENANT],
    );
  }
  await client.query('analyze people');
  await client.query('analyze registrations');
}

/**
 * Reads of one endpoint at a fixed rate (open loop: a slow answer does not delay the next request, as with
 * real visitors) until stopped: every latency and every failure.
 */
function startReaders(url: string, perSecond: number) {
  const latencies: { at: number; ms: number }[] = [];
  const pending = new Set<Promise<void>>();
  let errors = 0;
  const read = async () => {
    const started = performance.now();
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push({ at: started, ms: performance.now() - started });
  };
  const timer = setInterval(() => {
    const request = read().finally(() => pending.delete(request));
    pending.add(request);
  }, 1000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return { latencies, errors };
    },
  };
}

export async function run(argv: string[]): Promise<BenchmarkOutcome> {
  const options = parse(argv);
  const machine: MachineInfo = machineInfo();
  const scratch = await createScratchDatabase(options.databaseUrl);
  const sink = await startCountingSink();
  const failures: string[] = [];
  try {
    const port = await freePort();
    const server = await startChildServer({
      env: {
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DEMO_DATA: 'false',
        SMTP_URL: sink.url,
        NEWSLETTER_RATE_PER_SECOND: String(options.rate),
        NEWSLETTER_RETRY_DELAY_SECONDS: '5',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      readyTimeoutMs: 600_000,
    });
    const rss = new RssSampler(server.pid, 500);
    rss.start();
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const seedStarted = performance.now();
      await insertRecipients(client, options.recipients);
      // The sender: a staff member of the municipality with a live session, made as sign-in would.
      const [staff] = makeResidents(1);
      if (!staff) throw new Error('no staff session');
      await insertResidents(client, [staff], { sessions: 'recent' });
      await client.query(`insert into staff_memberships (tenant, person_id, role) values ($1, $2, 'admin')`, [
        TENANT,
        staff.id,
      ]);
      const seedMs = performance.now() - seedStarted;
      const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json' };
      const api = `${server.baseUrl}/api/v1/tenants/${TENANT}/newsletters`;
      const post = async (url: string, body?: unknown) => {
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
        const json = (await response.json()) as Record<string, unknown>;
        if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };
      const created = await post(api, {
        subject: 'ベンチマーク号',
        body: '## 秋のお知らせ\n\n港まつりは **10月12日** です。',
        segment: { kind: 'all' },
        channels: ['email'],
      });
      const id = String(created.id);
      await post(`${api}/${id}/test-send`);

      const readers = startReaders(`${server.baseUrl}/api/v1/municipalities/${TENANT}`, options.readRate);
      const rssMark = rss.mark();
      const messagesBeforeSend = sink.messages();
      const sendStarted = performance.now();
      const sent = await post(`${api}/${id}/send`);
      const enqueueMs = performance.now() - sendStarted;
      let status = String(sent.status);
      let counts: Record<string, number> = {};
      const deadline = Date.now() + (options.windowS > 0 ? options.windowS : options.timeoutS) * 1000;
      while (status !== 'sent' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const view = (await (await fetch(`${api}/${id}`, { headers })).json()) as Record<string, unknown>;
        status = String(view.status);
        counts = view.counts as Record<string, number>;
      }
      // Batches start when the send's transaction commits, just before its answer: delivery is timed from there.
      const totalMs = performance.now() - sendStarted;
      const deliveredMs = totalMs - enqueueMs;
      const delivered = sink.messages() - messagesBeforeSend;
      const reads = await readers.stop();
      await rss.sample();
      const peakKiB = Math.max(...rss.since(rssMark).map((s) => s.rssKiB));
      rss.stop();

      let duplicates = 0;
      let missing = 0;
      for (let n = 0; n < options.recipients; n++) {
        const got = sink.perAddress.get(`nl${n}@bench.example.invalid`) ?? 0;
        if (got === 0) missing++;
        if (got > 1) duplicates++;
      }
      const complete = status === 'sent';
      if (!complete && options.windowS === 0)
        failures.push(`not finished after ${options.timeoutS} s (status ${status})`);
      if (complete && missing > 0) failures.push(`${missing} recipients got nothing`);
      if (duplicates > 0) failures.push(`${duplicates} recipients got more than one message`);
      if (reads.errors > 0) failures.push(`${reads.errors} reads failed`);
      const sendDone = sendStarted + enqueueMs;
      const latency = summariseLatencies(reads.latencies.map((r) => r.ms));
      const duringEnqueue = summariseLatencies(reads.latencies.filter((r) => r.at < sendDone).map((r) => r.ms));
      const duringDelivery = summariseLatencies(reads.latencies.filter((r) => r.at >= sendDone).map((r) => r.ms));
      const throughput = delivered / (deliveredMs / 1000);
      const record = {
        benchmark: 'newsletter',
        at: new Date().toISOString(),
        machine,
        database: { url: redactUrl(options.databaseUrl), serverVersion: scratch.serverVersion },
        options: { recipients: options.recipients, rateLimitPerSecond: options.rate, readsPerSecond: options.readRate },
        seedSeconds: round(seedMs / 1000, 1),
        enqueueSeconds: round(enqueueMs / 1000, 2),
        complete,
        delivered,
        deliverySeconds: round(deliveredMs / 1000, 1),
        totalSeconds: round(totalMs / 1000, 1),
        throughputRecipientsPerSecond: round(throughput, 0),
        statusCounts: counts,
        sink: { messages: sink.messages(), missing, duplicates },
        concurrentRead: {
          endpoint: `GET /api/v1/municipalities/${TENANT}`,
          ...latency,
          errors: reads.errors,
          duringEnqueue,
          duringDelivery,
        },
        serverPeakRssMiB: round(kibToMiB(peakKiB), 0),
      };
      const summary = [
        `newsletter to ${options.recipients.toLocaleString('en')} recipients on PostgreSQL ${scratch.serverVersion}`,
        `  enqueue (send request): ${record.enqueueSeconds} s`,
        `  ${complete ? 'all delivered' : `${delivered} delivered (window)`} in ${record.deliverySeconds} s: ${record.throughputRecipientsPerSecond} recipients/s`,
        `  sink: ${sink.messages()} messages, ${missing} missing, ${duplicates} duplicates`,
        `  concurrent reads (${options.readRate}/s): p50 ${latency.p50_ms} ms, p99 ${latency.p99_ms} ms, n=${latency.requests}; during the enqueue p99 ${duringEnqueue.p99_ms} ms, during delivery p99 ${duringDelivery.p99_ms} ms`,
        `  server peak RSS: ${record.serverPeakRssMiB} MiB`,
      ].join('\n');
      return { record, failures, summary };
    } finally {
      rss.stop();
      await client.end();
      await server.stop();
    }
  } finally {
    await sink.close();
    await scratch.drop();
  }
}
