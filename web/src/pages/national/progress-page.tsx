import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useModelProgress } from '../../api/national.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { useLanguage } from '../../i18n/index.ts';

const ITEMS = [
  'regionalIssues',
  'deepeningInitiatives',
  'contentPlan',
  'supportMeasures',
  'premiumRequirements',
] as const;

/** `/model-project/:code`: the public progress page a model municipality shares during the project. */
export function ProgressPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { code = '' } = useParams();
  const progress = useModelProgress(code);
  const data = progress.data;
  usePageTitle(t('national.progress.title', { name: data?.fullName ?? code }));
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('national.progress.title', { name: data?.fullName ?? code })}</PageHeading>
      {progress.isError && <ErrorNotice title={t('national.loadError')} error={progress.error} />}
      {data && (
        <div className="flex flex-col gap-6">
          <ol className="flex flex-col gap-2 md:flex-row md:gap-4" aria-label={t('national.progress.steps')}>
            {([1, 2, 3] as const).map((step) => (
              <li
                key={step}
                aria-current={data.step === step ? 'step' : undefined}
                className={`rounded-8 border p-3 ${data.step === step ? 'border-blue-900 font-bold' : 'border-solid-gray-420'}`}
              >
                {t(`national.model.steps.step${step}`)}
                {step === 2 && data.step2On && <span className="block font-normal">{data.step2On}</span>}
                {step === 3 && data.step3On && <span className="block font-normal">{data.step3On}</span>}
              </li>
            ))}
          </ol>
          <p>
            {t('national.model.type')}: {t(`national.model.types.${data.type}`)}
          </p>
          <p>
            {t('national.progress.registrations', {
              value:
                data.registrations === null
                  ? t('national.progress.fewer')
                  : data.registrations.toLocaleString(language),
            })}
          </p>
          <dl className="flex flex-col gap-3">
            {ITEMS.map((item) => (
              <div key={item}>
                <dt className="font-bold">{t(`national.plan.items.${item}`)}</dt>
                <dd className="whitespace-pre-wrap">{data.plan[item] || t('national.plan.empty')}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
