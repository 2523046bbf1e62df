import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const webDistDir = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * Serves the built PWA. Returns the fallback that answers client-side routes (/admin, /search…)
 * with index.html, or null when no build exists (API-only tests).
 */
export async function registerWebApp(
  app: FastifyInstance,
  distDir = webDistDir,
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) return null;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: 'index.html',
    // The build writes .br and .gz beside each compressible file; send what the browser accepts.
    preCompressed: true,
    setHeaders(res, filePath) {
      // Vite fingerprints everything under assets/; the shell and the service worker must revalidate.
      const immutable = filePath.startsWith(path.join(distDir, 'assets') + path.sep);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
}

export function wantsHtml(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.url.startsWith('/api/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}
