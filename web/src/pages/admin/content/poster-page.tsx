import { useTranslation } from 'react-i18next';
import { useProfile } from '../../../api/admin-content.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import './poster.css';
import { shortIntroduction } from './short-introduction.ts';

/** `/admin/:tenant/poster`: an A4 poster with the join QR code, for the town hall, stations and events. */
export function PosterPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminContent.poster.title'));
  const profile = useProfile(admin.tenant);
  return (
    <div>
      <PageHeading>{t('adminContent.poster.title')}</PageHeading>
      <p className="mb-4 max-w-3xl">{t('adminContent.poster.lead')}</p>
      <p className="mb-6">
        <button type="button" className="button-primary" onClick={() => window.print()}>
          {t('adminContent.poster.print')}
        </button>
      </p>
      {profile.isPending && <p role="status">{t('admin.loading')}</p>}
      {profile.isError && (
        <ErrorNotice
          title={t('adminContent.profile.loadError')}
          error={profile.error}
          onRetry={() => void profile.refetch()}
        />
      )}
      {profile.data && (
        // The poster is Japanese whatever the console's language: it hangs in Japan for passers-by.
        <article
          lang="ja"
          aria-label={t('adminContent.poster.sheet')}
          className="poster-sheet mx-auto flex aspect-[210/297] w-full max-w-[210mm] flex-col items-center justify-between gap-6 border border-solid-gray-420 bg-white p-[12mm] text-center text-solid-gray-900 shadow-2"
        >
          <div>
            <p className="text-std-20B-150">ふるさと住民登録制度</p>
            <p className="mt-4 text-[2.75rem] leading-tight font-bold">{profile.data.fullName}</p>
          </div>
          {profile.data.introduction.trim() !== '' && (
            <p className="max-w-[150mm] text-left text-std-18N-160">{shortIntroduction(profile.data.introduction)}</p>
          )}
          <div className="flex flex-col items-center gap-3">
            <p className="text-[2.25rem] leading-tight font-bold text-blue-1000">ふるさと住民登録はこちら</p>
            <img
              src={profile.data.joinQrUrl}
              alt={`登録ページのQRコード（${profile.data.joinUrl}）`}
              className="size-[80mm]"
            />
            <p className="break-all text-std-18B-160">{profile.data.joinUrl}</p>
          </div>
          <p className="text-std-16N-170">スマートフォンのカメラでQRコードを読み取ると、登録ページが開きます。</p>
        </article>
      )}
    </div>
  );
}
