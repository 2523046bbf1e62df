import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase } from '../../../test/support/databases.ts';
import { buildApp } from '../../app.ts';
import type { Engine } from '../../db/database.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { createMailer } from '../mail/mailer.ts';

/**
 * An app with demo data whose mail goes out over SMTP (the newsletter path in production) and whose
 * send rate and retry delay suit a test.
 */
export async function newsletterApp(
  engine: Engine,
  smtpUrl: string,
  newsletters: { ratePerSecond: number; retryDelaySeconds: number },
  demoData = true,
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const testDatabase = await createTestDatabase(engine);
  await prepareDatabase(testDatabase.database.db, { demoData });
  const mailer = createMailer({ smtpUrl, from: 'ふるさと住民 <no-reply@furusato.localhost>' });
  const app = await buildApp({
    config: {
      env: 'test',
      logLevel: 'silent',
      rateLimitPerMinute: 100_000,
      signInRateLimit: 10_000,
      publicUrl: 'http://localhost:3000',
      cookieSecure: false,
      newsletters,
    },
    mailer,
    database: testDatabase.database,
    webDistDir: '/nonexistent',
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      mailer.close();
      await testDatabase.drop();
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Signs in by e-mail code, reading the code from what the SMTP server received. */
export async function signInThroughSmtp(
  app: FastifyInstance,
  sink: { received: { to: string[]; raw: string }[] },
  email: string,
) {
  const start = await app.inject({ method: 'POST', url: '/api/v1/auth/email/start', payload: { email } });
  if (start.statusCode !== 202) throw new Error(`start failed: ${start.body}`);
  const mail = await waitFor(async () => sink.received.findLast((m) => m.to.includes(email)) ?? null);
  const encoded = mail.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('');
  const code = Buffer.from(encoded.replace(/\s+/g, ''), 'base64')
    .toString('utf8')
    .match(/^\s+(\d{6})$/m)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/email/verify', payload: { email, code } });
  if (verify.statusCode !== 200) throw new Error(`verify failed: ${verify.body}`);
  const body = verify.json() as { person: { id: string }; csrfToken: string };
  return {
    personId: body.person.id,
    cookies: { furusato_session: verify.cookies.find((c) => c.name === 'furusato_session')?.value ?? '' },
    headers: { 'x-csrf-token': body.csrfToken },
  };
}

export interface TestMailServer {
  url: string;
  received: { to: string[]; raw: string }[];
  /** While on, each newsletter recipient's first RCPT is refused with 451 (try again later). */
  refuseEachOnce: boolean;
  refused: Set<string>;
  close(): Promise<void>;
}

/** An SMTP server on loopback that keeps what it receives and can answer like a busy one. */
export async function startTestMailServer(): Promise<TestMailServer> {
  const state: Omit<TestMailServer, 'url' | 'close'> = { received: [], refuseEachOnce: false, refused: new Set() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuseEachOnce && address.address.startsWith('resident') && !state.refused.has(address.address)) {
        state.refused.add(address.address);
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
