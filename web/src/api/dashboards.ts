import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Comparison, Dashboard } from '../../../src/modules/dashboards/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson } from './client.ts';

export type { Comparison, Dashboard };
export type Granularity = Dashboard['series']['granularity'];

/** A tenant's dashboard (aggregates only). The server answers from counters, so a refetch is cheap. */
export function useDashboard(tenant: string, granularity: Granularity) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'dashboard', granularity],
    queryFn: ({ signal }) =>
      getJson<Dashboard>(`/api/v1/tenants/${encodeURIComponent(tenant)}/dashboard?granularity=${granularity}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** A prefecture's municipalities compared over the last `months` months. */
export function useMunicipalityComparison(tenant: string, months: number, enabled: boolean) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'dashboard', 'municipalities', months],
    queryFn: ({ signal }) =>
      getJson<Comparison>(
        `/api/v1/tenants/${encodeURIComponent(tenant)}/dashboard/municipalities?months=${months}`,
        signal,
      ),
    enabled,
  });
}
