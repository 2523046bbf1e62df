import { currentLanguage } from '../i18n/index.ts';

/** An error answered by the API, carrying its stable code and its message in the UI language. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, requestId: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/** The request never got an answer (offline, server down). The UI shows its own message. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown };
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal,
      headers: { accept: 'application/json', 'accept-language': currentLanguage() },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  if (response.ok) return (await response.json()) as T;

  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const { code, message, requestId } = body.error ?? {};
  throw new ApiError(
    response.status,
    typeof code === 'string' ? code : 'UNKNOWN',
    typeof message === 'string' ? message : '',
    typeof requestId === 'string' ? requestId : null,
  );
}
