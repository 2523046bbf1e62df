import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Municipality, useMunicipality } from '../api/municipalities.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { participationText } from '../format.ts';
import { useLanguage } from '../i18n/index.ts';
import { prefectureLabel } from '../i18n/prefecture-names.ts';

export function MunicipalityDetailPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const result = useMunicipality(code);
  const municipality = result.data;

  let title: string = t('municipality.titleFallback');
  if (municipality) title = municipality.fullName;
  else if (result.isError) title = t('municipality.errorTitle');
  usePageTitle(title);

  return (
    <div>
      <PageHeading>
        {municipality ? (
          <span lang="ja">
            {municipality.kind !== 'prefecture' && (
              <span className="block text-std-18N-160 text-solid-gray-700">{municipality.prefectureName}</span>
            )}
            {municipality.name}
          </span>
        ) : (
          title
        )}
      </PageHeading>

      {result.isPending && (
        <p role="status" className="mb-6">
          {t('municipality.loading')}
        </p>
      )}
      {result.isError && (
        <div className="mb-6">
          <ErrorNotice
            title={t('municipality.errorTitle')}
            error={result.error}
            onRetry={() => void result.refetch()}
          />
        </div>
      )}
      {municipality && <MunicipalityFacts municipality={municipality} />}
      {municipality && (
        <p className="mt-6">
          <Link to={`/m/${municipality.code}`} className="button-primary">
            {t('municipality.publicPage')}
          </Link>
        </p>
      )}

      <p className="mt-8">
        <Link to="/municipalities">
          <span aria-hidden="true">← </span>
          {t('municipality.backToSearch')}
        </Link>
      </p>
    </div>
  );
}

function MunicipalityFacts({ municipality }: { municipality: Municipality }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parent = useMunicipality(municipality.parentCode ?? undefined);

  return (
    <dl className="grid grid-cols-1 border-t border-solid-gray-200 md:grid-cols-[14rem_minmax(0,1fr)]">
      <Fact term={t('municipality.kana')}>
        <span lang="ja">{municipality.kana}</span>
      </Fact>
      <Fact term={t('municipality.code')}>
        <span className="tabular-nums">{municipality.code}</span>
      </Fact>
      <Fact term={t('municipality.prefecture')}>
        {municipality.kind === 'prefecture' ? (
          prefectureLabel(municipality.prefectureCode, municipality.prefectureName, language)
        ) : (
          <Link to={`/municipalities?prefecture=${municipality.prefectureCode}`}>
            {prefectureLabel(municipality.prefectureCode, municipality.prefectureName, language)}
          </Link>
        )}
      </Fact>
      <Fact term={t('municipality.kind')}>{t(`kind.${municipality.kind}`)}</Fact>
      {municipality.parentCode && (
        <Fact term={t('municipality.parent')}>
          <Link to={`/municipalities/${municipality.parentCode}`} lang="ja">
            {parent.data?.name ?? municipality.parentCode}
          </Link>
        </Fact>
      )}
      <Fact term={t('municipality.joinedAt')}>
        <span className={municipality.joinedAt ? 'font-bold text-green-900' : ''}>
          {participationText(municipality, t, language)}
        </span>
      </Fact>
      <Fact term={t('municipality.feeStatus')}>{t(`fee.${municipality.feeStatus}`)}</Fact>
      <Fact term={t('municipality.modelType')}>
        {municipality.modelType ? t(`model.${municipality.modelType}`) : t('municipality.modelNone')}
      </Fact>
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-subgrid border-b border-solid-gray-200 py-3 md:col-span-2">
      <dt className="text-std-16B-170 text-solid-gray-900">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
