import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../../api/client.ts';
import type { MunicipalityList } from '../../../api/municipalities.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Checkbox } from '../form-parts.tsx';

/**
 * Co-hosts of a joint opportunity (広域型): the participating municipalities of the tenant's prefecture (the
 * first two digits of a local government code are its prefecture's number).
 */
export function CoHostsField({
  tenant,
  value,
  onChange,
}: {
  tenant: string;
  value: string[];
  onChange: (coHosts: string[]) => void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const prefecture = tenant.slice(0, 2);
  const candidates = useQuery({
    queryKey: ['municipalities', 'participating', prefecture],
    queryFn: ({ signal }) =>
      getJson<MunicipalityList>(
        `/api/v1/municipalities?prefecture=${prefecture}&participating=true&pageSize=100`,
        signal,
      ),
    select: (page) => page.items.filter((m) => m.code !== tenant),
  });
  return (
    <fieldset aria-describedby={hintId}>
      <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.coHosts')}</legend>
      <p id={hintId} className="mb-2 text-std-16N-170 text-solid-gray-700">
        {t('adminOpp.form.coHostsHint')}
      </p>
      {candidates.isPending && <p role="status">{t('adminOpp.form.coHostsLoading')}</p>}
      {candidates.isError && (
        <ErrorNotice
          title={t('adminOpp.form.coHostsError')}
          error={candidates.error}
          onRetry={() => void candidates.refetch()}
        />
      )}
      {candidates.data?.length === 0 && <p>{t('adminOpp.form.noCoHosts')}</p>}
      <div className="grid sm:grid-cols-2">
        {candidates.data?.map((m) => (
          <Checkbox
            key={m.code}
            label={m.name}
            checked={value.includes(m.code)}
            onChange={(on) => onChange(on ? [...value, m.code] : value.filter((code) => code !== m.code))}
          />
        ))}
      </div>
    </fieldset>
  );
}
