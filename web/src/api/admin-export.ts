import { currentLanguage } from '../i18n/index.ts';
import { type CsvEncoding, type MemberFilter, registrantsExportPath } from './admin-members.ts';
import { apiError, NetworkError } from './client.ts';

export interface ExportProgress {
  /** Data rows received so far (lines after the header). */
  rows: number;
  /** From `X-Total-Count`; null when the server did not say. */
  total: number | null;
}

export interface CsvFile {
  blob: Blob;
  filename: string;
  rows: number;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Counts the data rows of a CSV from its bytes, chunk by chunk. A row ends at a line feed outside quotes;
 * the line feed (0x0A) and the double quote (0x22) are single bytes in UTF-8 and in Shift_JIS alike and
 * never part of a multi-byte character in either, so nothing needs decoding.
 */
export function csvRowCounter() {
  let lines = 0;
  let quoted = false;
  let lastByte = NEWLINE;
  return {
    add(bytes: Uint8Array): void {
      for (const byte of bytes) {
        // An escaped quote ("") turns quoting off and on again.
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === NEWLINE && !quoted) lines++;
      }
      if (bytes.length > 0) lastByte = bytes[bytes.length - 1] ?? lastByte;
    },
    /** Rows after the header line; at the end, a last line without a line feed counts too. */
    rows(finished = false): number {
      const complete = lines + (finished && lastByte !== NEWLINE ? 1 : 0);
      return Math.max(0, complete - 1);
    },
  };
}

/** `filename*=UTF-8''…` (RFC 6266) first, then `filename="…"`; null when the header names none. */
export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: the plain name, if any, is used instead.
    }
  }
  return (
    /filename\s*=\s*"([^"]+)"/i.exec(disposition)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(disposition)?.[1] ?? null
  );
}

/**
 * The registrants CSV, streamed: rows are counted as they arrive, so that the page can show how far along
 * it is against `X-Total-Count`. The bytes are kept as they come: the file is exactly what
 * the server wrote, BOM and encoding included.
 */
export async function fetchRegistrantsCsv(
  tenant: string,
  filter: MemberFilter,
  encoding: CsvEncoding,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<CsvFile> {
  let response: Response;
  try {
    response = await fetch(registrantsExportPath(tenant, filter, encoding), {
      credentials: 'same-origin',
      headers: { accept: 'text/csv', 'accept-language': currentLanguage() },
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw await apiError(response);

  const totalHeader = Number(response.headers.get('x-total-count'));
  const total = response.headers.has('x-total-count') && Number.isFinite(totalHeader) ? totalHeader : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const counter = csvRowCounter();
  onProgress({ rows: 0, total });
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        counter.add(value);
        onProgress({ rows: counter.rows(), total });
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw new NetworkError(error);
    }
  }
  const rows = counter.rows(true);
  onProgress({ rows, total });

  const charset = encoding === 'shift_jis' ? 'shift_jis' : 'utf-8';
  const fallback = `registrants-${tenant}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}.csv`;
  return {
    blob: new Blob(chunks, { type: `text/csv;charset=${charset}` }),
    filename: filenameFrom(response.headers.get('content-disposition')) ?? fallback,
    rows,
  };
}
