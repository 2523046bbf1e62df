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
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

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
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`設定が正しくありません / Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
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
  };
}
