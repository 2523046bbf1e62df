import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, getJson } from './client.ts';

// Restated: src/modules/mail/routes.ts does not export its schema (GET /api/v1/dev/mail).
export interface DevMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

export interface DevMailList {
  items: DevMail[];
  total: number;
  page: number;
  pageSize: number;
}

export const DEV_MAIL_PAGE_SIZE = 10;

/** The developer mailbox (only when no SMTP server is configured, never in production): null when absent. */
export function useDevMail(page: number) {
  return useQuery({
    queryKey: ['dev', 'mail', page],
    queryFn: async ({ signal }) => {
      try {
        return await getJson<DevMailList>(`/api/v1/dev/mail?page=${page}&pageSize=${DEV_MAIL_PAGE_SIZE}`, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    placeholderData: keepPreviousData,
    // New mail arrives while the page is open (a sign-in in another tab): look again on every visit.
    staleTime: 0,
  });
}

/** Whether the developer mailbox exists here (asked once per page load; false on any failure). */
export function useDevMailAvailable(): boolean {
  const { data } = useQuery({
    queryKey: ['dev', 'mail', 'available'],
    queryFn: ({ signal }) =>
      getJson<DevMailList>('/api/v1/dev/mail?pageSize=1', signal).then(
        () => true,
        () => false,
      ),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return data === true;
}
