import { z } from 'zod';
import { type ErrorCode, errorCatalogue } from './errors.ts';

const codes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(codes),
      message: z.string().describe('Accept-Language に応じた日本語または英語 / Japanese or English by Accept-Language'),
      details: z.unknown(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** The error answers a route documents, e.g. `errorResponses(400, 401, 404)`: one shape for every status. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponseSchema])) as Record<
    S,
    typeof errorResponseSchema
  >;
}

/** Lets a schema name the error code its failure answers with (see error-handler.ts). */
export function withErrorCode<T extends z.ZodType>(
  schema: T,
  errorCode: ErrorCode,
  check: (value: z.output<T>) => boolean,
) {
  return schema.superRefine((value, ctx) => {
    if (!check(value)) ctx.addIssue({ code: 'custom', message: errorCatalogue[errorCode].en, params: { errorCode } });
  });
}
