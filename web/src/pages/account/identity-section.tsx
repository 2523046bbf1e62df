import { useTranslation } from 'react-i18next';
import { isIdentityErrorCode, useVerificationStatus } from '../../api/identity.ts';
import { useMunicipality } from '../../api/municipalities.ts';
import type { Person } from '../../api/session.ts';
import { AlertNotice, SuccessNotice } from '../../components/notice.tsx';
import { formatInstantDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import type { Verification } from './arrival-messages.ts';
import { Section } from './section.tsx';

/** A top-level navigation: the API redirects to the My Number Card identity provider and back to /account. */
const IDENTITY_VERIFICATION_START = '/api/v1/identity/verification/start';

/** Identity verification with the My Number Card: verified (and where registered), or a way to start it. */
export function IdentitySection({ person, verification }: { person: Person; verification: Verification | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useVerificationStatus();
  const verifiedAt = person.identityVerifiedAt ?? status.data?.verifiedAt ?? null;
  // Not offered by this deployment (no provider configured): no button that would end on an error.
  const unavailable = status.data?.available === false;
  return (
    <Section title={t('account.identityHeading')}>
      {verification?.kind === 'done' && (
        <div className="mb-4">
          <SuccessNotice>{t('account.identityDone')}</SuccessNotice>
        </div>
      )}
      {verification?.kind === 'failed' && (
        <div className="mb-4">
          <AlertNotice title={t('account.identityFailedTitle')}>
            <p>
              {isIdentityErrorCode(verification.code)
                ? t(`identityErrors.${verification.code}`)
                : t('account.identityFailed')}
            </p>
            {verification.code && (
              <p className="mt-1 text-dns-14N-130 text-solid-gray-700">
                {t('account.identityFailedCode', { code: verification.code })}
              </p>
            )}
          </AlertNotice>
        </div>
      )}
      {verifiedAt ? (
        <>
          <p className="flex items-center gap-2 font-bold text-success-2">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 shrink-0" fill="currentColor">
              <path d="M12 2 4 5v6c0 5 3.4 9.6 8 11 4.6-1.4 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z" />
            </svg>
            {t('account.identityVerified', { date: formatInstantDate(verifiedAt, language) })}
          </p>
          {status.data?.registeredMunicipalityCode && (
            <RegisteredMunicipality code={status.data.registeredMunicipalityCode} />
          )}
        </>
      ) : (
        <>
          <p className="mb-2 font-bold text-solid-gray-900">{t('account.identityNotVerified')}</p>
          {status.isPending ? null : unavailable ? (
            <p className="max-w-prose">{t('account.identityUnavailable')}</p>
          ) : (
            <>
              <p className="mb-4 max-w-prose">{t('account.identityExplain')}</p>
              {/* A button, not a form: the CSP's form-action would stop the redirect to the identity provider. */}
              <button
                type="button"
                className="button-primary"
                onClick={() => window.location.assign(IDENTITY_VERIFICATION_START)}
              >
                {t('account.identityStart')}
              </button>
            </>
          )}
        </>
      )}
    </Section>
  );
}

function RegisteredMunicipality({ code }: { code: string }) {
  const { t } = useTranslation();
  const municipality = useMunicipality(code);
  return (
    <dl className="mt-3 flex flex-wrap gap-x-3 text-dns-16N-130">
      <dt className="text-solid-gray-700">{t('account.identityMunicipality')}</dt>
      <dd lang="ja">{municipality.data?.fullName ?? code}</dd>
    </dl>
  );
}
