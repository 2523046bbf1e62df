import { z } from 'zod';

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1 から始まるページ番号 / page number from 1'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('1ページの件数 / items per page (max 100)'),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** Every list answers in this one shape. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export function offsetOf({ page, pageSize }: PageQuery): number {
  return (page - 1) * pageSize;
}
