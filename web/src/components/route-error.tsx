import { useTranslation } from 'react-i18next';
import { usePageTitle } from './page-title.ts';

/** Last resort when a page fails to render: no layout (it may be what failed), one heading, a way home. */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t('errors.unexpected'));
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-4 text-std-28B-150">{t('app.name')}</h1>
      <p role="alert">{t('errors.unexpected')}</p>
      <p className="mt-4">
        <a href="/">{t('notFound.home')}</a>
      </p>
    </main>
  );
}
