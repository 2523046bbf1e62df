import { currentLanguage } from '../i18n/index.ts';
import { apiError, NetworkError, sendJson } from './client.ts';
import type { Registration } from './registrations.ts';

const registrationPath = (code: string) => `/api/v1/me/registrations/${encodeURIComponent(code)}`;

export function updateConsents(code: string, consents: string[]): Promise<Registration> {
  return sendJson<Registration>('PATCH', registrationPath(code), { consents });
}

export function withdrawRegistration(code: string): Promise<void> {
  return sendJson<void>('DELETE', registrationPath(code));
}

/** Erases the account; the server ends the session with it. */
export function deleteAccount(): Promise<void> {
  return sendJson<void>('DELETE', '/api/v1/me', { confirm: true });
}

export interface ExportFile {
  blob: Blob;
  fileName: string;
}

/** All my data as the JSON file the API names (content-disposition), ready to be saved. */
export async function fetchExport(): Promise<ExportFile> {
  let response: Response;
  try {
    response = await fetch('/api/v1/me/export', {
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': currentLanguage() },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await apiError(response);
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await response.blob(), fileName: named ?? 'furusato-data.json' };
}
