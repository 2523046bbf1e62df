import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInPerson } from '../api/session.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { loadMessages } from '../i18n/index.ts';

// Loaded only for those signed in: a first visitor's start page carries none of it.
const ResidentHomePage = lazy(async () => {
  const [module] = await Promise.all([import('./resident/resident-home-page.tsx'), loadMessages('resident')]);
  return { default: module.ResidentHomePage };
});

/** Signed in, `/` is the resident's own page; otherwise the introduction to the scheme. */
export function HomePage() {
  return useSignedInPerson() ? (
    <Suspense fallback={null}>
      <ResidentHomePage />
    </Suspense>
  ) : (
    <IntroductionPage />
  );
}

function IntroductionPage() {
  const { t } = useTranslation();
  usePageTitle(null);
  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-16 bg-blue-50 px-5 py-6 md:px-10 md:py-10">
        <PageHeading>{t('home.title')}</PageHeading>
        <p className="max-w-prose text-std-18N-160 text-solid-gray-900">{t('home.lead')}</p>
      </section>

      <section aria-labelledby="home-what" className="max-w-prose">
        <h2 id="home-what" className="mb-3 text-std-24B-150 text-solid-gray-900">
          {t('home.whatTitle')}
        </h2>
        <div className="flex flex-col gap-3">
          <p>{t('home.what1')}</p>
          <p>{t('home.what2')}</p>
          <p>{t('home.what3')}</p>
        </div>
      </section>

      <section aria-labelledby="home-start" className="rounded-16 border border-solid-gray-200 p-5 md:p-8">
        <h2 id="home-start" className="mb-3 text-std-24B-150 text-solid-gray-900">
          {t('home.startTitle')}
        </h2>
        <p className="mb-5 max-w-prose">{t('home.startText')}</p>
        <Link to="/municipalities" className="button-primary">
          {t('home.startLink')}
          <span aria-hidden="true">→</span>
        </Link>
      </section>
    </div>
  );
}
