import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { FEED_PAGE_SIZE, useFeed } from '../../api/content.ts';
import { type Registration, useMyRegistrations, usePremiumProgress } from '../../api/registrations.ts';
import { useSession } from '../../api/session.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Pagination } from '../../components/pagination.tsx';
import { formatInstantDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';

/** `/home` (and `/` when signed in): my municipalities, premium progress and the news they send me. */
export function ResidentHomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = session.data?.signedIn === true;
  usePageTitle(t('resident.home.title'));
  if (session.data && !signedIn) return <Navigate to="/sign-in?next=/home" replace />;

  return (
    <div className="flex flex-col gap-10">
      <div>
        <PageHeading>{t('resident.home.title')}</PageHeading>
        <p>{t('resident.home.lead')}</p>
      </div>
      {signedIn && <HomeLinks />}
      {signedIn && <MyRegistrations />}
      {signedIn && <Feed />}
    </div>
  );
}

function HomeLinks() {
  const { t } = useTranslation();
  const links = [
    ['/activities', t('residentActivities.browse.title')],
    ['/activities/mine', t('residentActivities.browse.mine')],
    ['/benefits', t('residentBenefits.list.title')],
    ['/privacy', t('residentPrivacy.title')],
  ] as const;
  return (
    <nav aria-label={t('residentActivities.homeLinks')}>
      <ul className="grid gap-3 sm:grid-cols-2">
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to} className="button-secondary w-full justify-start text-left">
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MyRegistrations() {
  const { t } = useTranslation();
  const registrations = useMyRegistrations();
  return (
    <section aria-labelledby="home-registrations">
      <h2 id="home-registrations" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {t('resident.home.registrationsHeading')}
      </h2>
      {registrations.isPending && <p role="status">{t('resident.loading')}</p>}
      {registrations.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('resident.home.loadError')}
          error={registrations.error}
          onRetry={() => void registrations.refetch()}
        />
      )}
      {registrations.data &&
        (registrations.data.length === 0 ? (
          <div className="flex flex-col items-start gap-4">
            <p>{t('resident.home.empty')}</p>
            <Link to="/municipalities" className="button-primary">
              {t('resident.home.findMunicipality')}
            </Link>
          </div>
        ) : (
          <ul className="flex flex-col gap-4">
            {registrations.data.map((registration) => (
              <RegistrationItem key={registration.id} registration={registration} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function RegistrationItem({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = registration.municipalityName;
  return (
    <li className="rounded-16 border border-solid-gray-420 p-5">
      <h3 className="text-std-20B-150 text-solid-gray-900" lang="ja">
        {name}
      </h3>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
        <dt className="font-bold">{t('resident.home.tier')}</dt>
        <dd>{t(`resident.tier.${registration.tier}`)}</dd>
        <dt className="font-bold">{t('resident.home.relationTypes')}</dt>
        <dd>
          {registration.relationTypes
            .map((type) => t(`resident.relation.${String(type) as '1'}`))
            .join(t('app.listSeparator'))}
        </dd>
        <dt className="font-bold">{t('resident.home.registeredAt')}</dt>
        <dd>{formatInstantDate(registration.registeredAt, language)}</dd>
        {registration.premiumExpiresAt && (
          <>
            <dt className="font-bold">{t('resident.home.premiumUntil')}</dt>
            <dd>{formatInstantDate(registration.premiumExpiresAt, language)}</dd>
          </>
        )}
      </dl>
      {registration.implicit && <p className="mt-2 text-dns-14N-130">{t('resident.home.implicit')}</p>}
      {registration.kind !== 'prefecture' && <PremiumProgress code={registration.municipalityCode} />}
      <div className="mt-4 flex flex-wrap gap-4">
        <Link to={`/card/${registration.municipalityCode}`} className="button-primary">
          {t('resident.home.card', { name })}
        </Link>
        <Link to={`/m/${registration.municipalityCode}`} className="button-secondary">
          {t('resident.home.page', { name })}
        </Link>
      </div>
    </li>
  );
}

function PremiumProgress({ code }: { code: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const progress = usePremiumProgress(code, true);
  if (progress.isPending) return null;
  if (progress.isError) return <p className="mt-3">{t('resident.home.progressError')}</p>;
  const evaluation = progress.data;
  const allMet = evaluation.requirements.every((requirement) => requirement.met);
  return (
    <div className="mt-4 rounded-8 bg-solid-gray-50 p-4">
      <h4 className="text-std-16B-170 text-solid-gray-900">{t('resident.home.progressHeading')}</h4>
      <p>
        {t('resident.home.progressActivities', { count: evaluation.countedActivities })}
        {evaluation.pendingActivities > 0 &&
          t('resident.home.progressPending', { count: evaluation.pendingActivities })}
      </p>
      {allMet && <p className="font-bold">{t('resident.home.progressReady')}</p>}
      <ul className="mt-2 flex flex-col gap-1">
        {evaluation.requirements.map((requirement) => (
          <li key={requirement.id} className="flex gap-2">
            <span aria-hidden="true">{requirement.met ? '✓' : '・'}</span>
            <span>
              <span className="sr-only">{requirement.met ? t('resident.home.met') : t('resident.home.notMet')}: </span>
              {requirement.message[language]}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Feed() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const feed = useFeed(page, true);
  const data = feed.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / FEED_PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="home-feed">
      <h2 id="home-feed" className="mb-4 text-std-24B-150 text-solid-gray-900">
        {t('resident.home.feedHeading')}
      </h2>
      {feed.isPending && <p role="status">{t('resident.loading')}</p>}
      {feed.isError && (
        <ErrorNotice
          headingLevel={3}
          title={t('resident.home.feedError')}
          error={feed.error}
          onRetry={() => void feed.refetch()}
        />
      )}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('resident.home.feedEmpty')}</p>
        ) : (
          <>
            <p className="mb-3 text-dns-14N-130 text-solid-gray-700" aria-live="polite">
              {t('resident.home.feedRange', {
                total: data.total,
                from: (page - 1) * FEED_PAGE_SIZE + 1,
                to: (page - 1) * FEED_PAGE_SIZE + data.items.length,
              })}
            </p>
            <ul className="flex flex-col gap-4">
              {data.items.map((post) => (
                <li key={post.id} className="border-b border-solid-gray-200 pb-4">
                  <p className="text-dns-14N-130 text-solid-gray-700">
                    <span lang="ja">{post.municipalityName}</span> · {formatInstantDate(post.publishedAt, language)}
                  </p>
                  <h3 className="text-std-18B-160 text-solid-gray-900">
                    {post.pinned && (
                      <span className="mr-2 rounded-4 bg-blue-900 px-2 text-dns-14B-120 text-white">
                        {t('resident.public.pinned')}
                      </span>
                    )}
                    {post.title}
                  </h3>
                  <p>{post.excerpt}</p>
                </li>
              ))}
            </ul>
            {pages > 1 && <Pagination page={page} pages={pages} onPage={setPage} />}
          </>
        ))}
    </section>
  );
}
