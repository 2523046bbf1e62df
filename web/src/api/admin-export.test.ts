import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../i18n/index.ts', () => ({ currentLanguage: () => 'ja' }));

const { csvRowCounter, fetchRegistrantsCsv, filenameFrom } = await import('./admin-export.ts');
const { EMPTY_FILTER } = await import('./admin-members.ts');

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Counts the rows of `bytes` fed in chunks of `size` bytes (so that characters and quotes get split). */
function countInChunks(bytes: Uint8Array, size: number): { during: number[]; rows: number } {
  const counter = csvRowCounter();
  const during: number[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    counter.add(bytes.subarray(i, i + size));
    during.push(counter.rows());
  }
  return { during, rows: counter.rows(true) };
}

const CSV = '会員番号,氏名,メモ\r\n"a1","山田 太郎","改行を\r\n含む ""引用"" 付き"\r\nb2,気仙沼 〜花子,\r\n';

describe('csvRowCounter', () => {
  it('counts rows after the header, not line feeds inside quoted fields, in UTF-8 with BOM and in Shift_JIS', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]);
    const sjis = new Uint8Array(iconv.encode(CSV.replace('〜', '～'), 'Shift_JIS'));
    for (const bytes of [utf8, sjis]) {
      for (const size of [1, 2, 3, 7, 64, bytes.length]) {
        const { during, rows } = countInChunks(bytes, size);
        expect(rows).toBe(2);
        // Progress only grows and never passes the final count.
        expect(during).toEqual([...during].sort((a, b) => a - b));
        expect(Math.max(...during)).toBe(2);
      }
    }
  });

  it('counts a last row without a line feed once the stream has ended', () => {
    const bytes = new TextEncoder().encode('h1,h2\nx,y\nz,w');
    const counter = csvRowCounter();
    counter.add(bytes);
    expect(counter.rows()).toBe(1);
    expect(counter.rows(true)).toBe(2);
    expect(csvRowCounter().rows(true)).toBe(0);
  });
});

describe('filenameFrom', () => {
  it('prefers the RFC 5987 name, then the plain one', () => {
    expect(filenameFrom(`attachment; filename="members.csv"; filename*=UTF-8''%E4%BC%9A%E5%93%A1.csv`)).toBe(
      '会員.csv',
    );
    expect(filenameFrom('attachment; filename="members-042056-20260401.csv"')).toBe('members-042056-20260401.csv');
    expect(filenameFrom('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(filenameFrom(`attachment; filename*=UTF-8''%E4%ZZ; filename="fallback.csv"`)).toBe('fallback.csv');
    expect(filenameFrom('attachment')).toBeNull();
    expect(filenameFrom(null)).toBeNull();
  });
});

describe('fetchRegistrantsCsv', () => {
  function streamed(chunks: Uint8Array[], headers: Record<string, string>): Response {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers });
  }

  it('asks with the filters and encoding, reports progress against X-Total-Count, and keeps the bytes as sent', async () => {
    const bytes = new Uint8Array(iconv.encode('会員番号,氏名\r\na,山田\r\nb,佐藤\r\nc,鈴木\r\n', 'Shift_JIS'));
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
      streamed([bytes.subarray(0, 5), bytes.subarray(5, 17), bytes.subarray(17)], {
        'content-type': 'text/csv; charset=Shift_JIS',
        'content-disposition': 'attachment; filename="members-042056-20260401.csv"',
        'x-total-count': '3',
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const progress: { rows: number; total: number | null }[] = [];
    const file = await fetchRegistrantsCsv(
      '042056',
      { ...EMPTY_FILTER, tier: 'premium', q: '山田' },
      'shift_jis',
      (p) => progress.push(p),
      new AbortController().signal,
    );
    const url = new URL(fetch.mock.calls[0]?.[0] ?? '', 'http://localhost');
    expect(url.pathname).toBe('/api/v1/tenants/042056/registrants/export.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: '山田', tier: 'premium', encoding: 'shift_jis' });
    expect(progress.at(0)).toEqual({ rows: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ rows: 3, total: 3 });
    expect(file.rows).toBe(3);
    expect(file.filename).toBe('members-042056-20260401.csv');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(bytes);
  });

  it('turns an API error into an ApiError with the message as sent', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'この操作を行う権限がありません。' } }), {
            status: 403,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    await expect(
      fetchRegistrantsCsv('042056', EMPTY_FILTER, 'utf-8', () => {}, new AbortController().signal),
    ).rejects.toMatchObject({ name: 'ApiError', code: 'FORBIDDEN', message: 'この操作を行う権限がありません。' });
  });
});
