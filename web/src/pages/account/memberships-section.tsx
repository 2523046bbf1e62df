import { useTranslation } from 'react-i18next';
import { useMunicipality } from '../../api/municipalities.ts';
import { type Membership, useMemberships } from '../../api/staff.ts';
import { Section } from './section.tsx';

/** The staff roles of this account, as a table; nothing at all for residents. */
export function MembershipsSection() {
  const { t } = useTranslation();
  const memberships = useMemberships();
  // Residents have no staff roles: no section at all, rather than an empty one.
  if (!memberships.data?.length) return null;
  return (
    <Section title={t('account.staffHeading')}>
      <p className="mb-3">{t('account.staffLead')}</p>
      <table className="w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="py-2 pr-4">
              {t('account.tenant')}
            </th>
            <th scope="col" className="py-2">
              {t('account.role')}
            </th>
          </tr>
        </thead>
        <tbody>
          {memberships.data.map((membership) => (
            <MembershipRow key={membership.tenant} membership={membership} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function MembershipRow({ membership }: { membership: Membership }) {
  const { t } = useTranslation();
  const national = membership.tenant === 'national';
  const municipality = useMunicipality(national ? undefined : membership.tenant);
  return (
    <tr className="border-b border-solid-gray-200">
      <th scope="row" className="py-3 pr-4 align-top font-normal">
        {national ? (
          t('tenant.national')
        ) : (
          <>
            <span lang="ja" className="block font-bold">
              {municipality.data?.fullName ?? membership.tenant}
            </span>
            <span className="text-dns-14N-130 text-solid-gray-700">
              {t('account.tenantCode')} <span className="tabular-nums">{membership.tenant}</span>
            </span>
          </>
        )}
      </th>
      <td className="py-3 align-top">{t(`role.${membership.role}`)}</td>
    </tr>
  );
}
