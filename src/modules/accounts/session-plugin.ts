import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { SESSION_ABSOLUTE_MS } from './rules.ts';
import { csrfTokenFor } from './secrets.ts';
import { type ActiveSession, resolveSession } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession | null;
    sessionToken: string | null;
  }
}

export const SESSION_COOKIE = 'furusato_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Resolves the session cookie of every API request, and guards every write:
 * a cross-site Origin is refused, and a cookie-authenticated write must carry the session's CSRF token.
 */
export async function registerSessions(app: FastifyInstance, options: { cookieSecure: boolean }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await resolveSession(app.db, token);
      request.sessionToken = request.session ? token : null;
    }
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request.host)) throw new AppError('ORIGIN_NOT_ALLOWED');
    if (request.sessionToken) {
      const given = request.headers['x-csrf-token'];
      if (typeof given !== 'string' || !sameSecret(given, csrfTokenFor(request.sessionToken))) {
        throw new AppError('CSRF_TOKEN_INVALID');
      }
    }
  });

  app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string) {
    return this.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      secure: options.cookieSecure,
      sameSite: 'lax',
      path: '/',
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });
  });
  app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      secure: options.cookieSecure,
      sameSite: 'lax',
    });
  });
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

declare module 'fastify' {
  interface FastifyReply {
    setSessionCookie(token: string): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

/** For routes that need a signed-in person. */
export function requireSession(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('AUTHENTICATION_REQUIRED');
  return request.session;
}
