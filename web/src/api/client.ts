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

/**
 * A response body as it travels: the server's Zod schemas describe dates as Date (their output type),
 * but JSON carries them as ISO strings. Types taken from those schemas go through this first.
 */
export type Json<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown };
}

// The session's CSRF token: every cookie-authenticated write must carry it (x-csrf-token). The session
// query (api/session.ts) keeps it current; sign-in and sign-out set it directly.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function send(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      signal,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': currentLanguage(), ...init.headers },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

/** The API error in a response that is not ok (also for responses read as files or streams). */
export async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const { code, message, requestId } = body.error ?? {};
  return new ApiError(
    response.status,
    typeof code === 'string' ? code : 'UNKNOWN',
    typeof message === 'string' ? message : '',
    typeof requestId === 'string' ? requestId : null,
  );
}

async function read<T>(response: Response): Promise<T> {
  if (!response.ok) throw await apiError(response);
  // 204 No Content (sign-out) has no body to parse.
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return read<T>(await send(path, { method: 'GET' }, signal));
}

/** The CSRF token of the session the browser has now (null when signed out), asked from the API. */
async function refreshCsrfToken(): Promise<void> {
  const state = await getJson<{ signedIn: boolean; csrfToken?: string }>('/api/v1/auth/session');
  setCsrfToken(state.signedIn && state.csrfToken ? state.csrfToken : null);
}

/**
 * A write (POST, PUT, PATCH, DELETE) with a JSON body. Sends the session's CSRF token; when the API refuses
 * it (the session changed in another tab, or the token was never loaded), fetches the current one and
 * tries once more.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const attempt = () =>
    send(path, {
      method,
      headers: {
        ...extraHeaders,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response = await attempt();
  if (response.status === 403) {
    const error = await apiError(response);
    if (error.code !== 'CSRF_TOKEN_INVALID') throw error;
    await refreshCsrfToken();
    response = await attempt();
  }
  return read<T>(response);
}
