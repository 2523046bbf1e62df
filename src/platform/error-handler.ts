import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorBody, errorCatalogue, isErrorCode } from './errors.ts';
import { preferredLocale } from './locale.ts';
import { wantsHtml } from './web-app.ts';

interface IssueDetail {
  in: string;
  path: string;
  message: string;
}

// A schema may name its own error code through a custom issue (`params.errorCode`), so that a
// malformed municipality code answers INVALID_MUNICIPALITY_CODE rather than a generic failure.
function codeFromValidation(error: FastifyError): { code: ErrorCode; details: IssueDetail[] } {
  const where = error.validationContext ?? 'request';
  const issues = hasZodFastifySchemaValidationErrors(error) ? error.validation : (error.validation ?? []);
  let code: ErrorCode = 'VALIDATION_FAILED';
  const details = issues.map((issue) => {
    const custom = (issue.params as { params?: { errorCode?: unknown } } | undefined)?.params?.errorCode;
    if (isErrorCode(custom)) code = custom;
    return {
      in: where,
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? '',
    };
  });
  return { code, details };
}

function codeFromFrameworkError(error: FastifyError): ErrorCode {
  switch (error.statusCode) {
    case 400:
      return 'MALFORMED_BODY';
    case 401:
      return 'AUTHENTICATION_REQUIRED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return error.statusCode && error.statusCode < 500 ? 'VALIDATION_FAILED' : 'INTERNAL_ERROR';
  }
}

export function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, details?: unknown) {
  const locale = preferredLocale(request.headers['accept-language']);
  // JSON even when the route had set another type (a CSV download) before it failed.
  return reply
    .code(errorCatalogue[code].status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-language', locale)
    .send(errorBody(code, locale, details, request.id));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'RATE_LIMITED') reply.header('retry-after', String(error.details ?? 60));
      return send(reply, request, error.code, error.code === 'RATE_LIMITED' ? null : error.details);
    }
    if (error.validation) {
      const { code, details } = codeFromValidation(error);
      return send(reply, request, code, details);
    }
    const code = codeFromFrameworkError(error);
    if (code === 'INTERNAL_ERROR') request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ err: error }, 'request rejected');
    return send(reply, request, code);
  });
}

/** Unknown API paths answer NOT_FOUND; page navigations fall back to the web app's shell when there is one. */
export function installNotFound(
  app: FastifyInstance,
  pageFallback: ((request: FastifyRequest, reply: FastifyReply) => FastifyReply) | null,
): void {
  app.setNotFoundHandler((request, reply) => {
    if (pageFallback && wantsHtml(request)) return pageFallback(request, reply);
    return send(reply, request, 'NOT_FOUND', { method: request.method, url: request.url });
  });
}
