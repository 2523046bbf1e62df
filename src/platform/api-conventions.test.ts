import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { buildApp } from '../app.ts';

describe.each(testEngines())('API conventions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { rateLimitPerMinute: 1000 });
  });
  afterAll(() => t?.close());

  it('gives every response a request id, keeping a well-formed one from the caller', async () => {
    const generated = await t.app.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'client-trace-0001' } });
    expect(kept.headers['x-request-id']).toBe('client-trace-0001');
    const forged = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nINFO forged' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id into error bodies', async () => {
    const response = await t.app.inject({
      url: '/api/v1/municipalities/abc',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(response.json().error.requestId).toBe('trace-abc-123');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers unknown API paths with the error shape', async () => {
    const response = await t.app.inject({ url: '/api/v1/nothing-here', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: '指定されたページまたはAPIは存在しません。',
        details: { method: 'GET', url: '/api/v1/nothing-here' },
        requestId: expect.any(String),
      },
    });
  });

  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: engine });
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/municipalities', '/api/v1/municipalities/{code}']),
    );
    const search = doc.paths['/api/v1/municipalities'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'prefecture', 'kind', 'page', 'pageSize']),
    );
    expect(doc.components.schemas).toHaveProperty('Municipality');
    expect(doc.components.schemas).toHaveProperty('Error');
    expect(doc.paths).not.toHaveProperty('/healthz');
  });

  it('accepts an Idempotency-Key on every POST that creates something', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const creating = Object.entries(
      doc.paths as Record<string, { post?: { responses: object; parameters?: { name: string; in: string }[] } }>,
    )
      .filter(([, ops]) => ops.post && '201' in ops.post.responses)
      .map(([path, ops]) => [
        path,
        ops.post?.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
      ]);
    expect(creating.length).toBeGreaterThanOrEqual(6);
    expect(creating.filter(([, documented]) => !documented)).toEqual([]);
  });

  it('serves the API docs UI', async () => {
    const response = await t.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});

describe('base rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { rateLimitPerMinute: 3 });
  });
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, but never limits health checks', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ url: '/api/v1/municipalities' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.app.inject({ url: '/api/v1/municipalities', headers: { 'accept-language': 'en' } });
    expect(limited.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many requests. Please wait and try again.',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('readiness without a database', () => {
  it('answers 503 SERVICE_UNAVAILABLE once the database is gone', async () => {
    const t = await createTestApp('pglite');
    await t.testDatabase.database.close();
    const response = await t.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('SERVICE_UNAVAILABLE');
    await t.app.close();
  });
});

describe('web app hosting', () => {
  let dist: string;
  let t: TestApp;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'furusato-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>shell</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves the shell for page navigations and fingerprinted assets as immutable', async () => {
    const app = await buildApp({
      config: {
        env: 'test',
        logLevel: 'silent',
        rateLimitPerMinute: 1000,
        signInRateLimit: 1000,
        publicUrl: 'http://localhost:3000',
        cookieSecure: false,
      },
      database: t.testDatabase.database,
      webDistDir: dist,
    });
    for (const url of ['/', '/?utm_source=mail']) {
      const root = await app.inject({ url, headers: { accept: '*/*' } });
      expect([url, root.statusCode, root.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
      expect(root.body).toContain('<title>shell</title>');
    }
    const directory = await app.inject({ url: '/assets/' });
    expect(directory.statusCode).toBe(404);
    expect(directory.json().error.code).toBe('NOT_FOUND');
    const page = await app.inject({ url: '/municipalities/042056', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>shell</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missingAsset = await app.inject({ url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json().error.code).toBe('NOT_FOUND');
    await app.close();
  });
});
