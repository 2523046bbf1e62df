import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEffectReport } from '../../../api/national.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import { EffectReport } from './effect-report.tsx';

/** `/admin/:tenant/model-plan/report` and `/national/model-project/:code/report`: the printable report. */
export function ReportView({ tenant, back }: { tenant: string; back: string }) {
  const { t } = useTranslation();
  const report = useEffectReport(tenant);
  const name = report.data?.member.fullName ?? tenant;
  usePageTitle(t('national.report.title', { name }));
  return (
    <div>
      <PageHeading>{t('national.report.title', { name })}</PageHeading>
      <div className="mb-6 flex flex-wrap gap-3 print:hidden">
        <button type="button" className="button-primary" onClick={() => window.print()}>
          {t('national.report.print')}
        </button>
        <Link to={`/model-project/${tenant}`} className="inline-flex min-h-11 items-center">
          {t('national.report.progressLink')}
        </Link>
        <Link to={back} className="inline-flex min-h-11 items-center">
          {t('national.report.back')}
        </Link>
      </div>
      {report.isError && <ErrorNotice title={t('national.loadError')} error={report.error} />}
      {report.isPending && <p role="status">{t('national.loading')}</p>}
      {report.data && <EffectReport report={report.data} />}
    </div>
  );
}

export function ModelReportPage() {
  const ctx = useConsole();
  return <ReportView tenant={ctx.tenant} back={ctx.path('model-plan')} />;
}
