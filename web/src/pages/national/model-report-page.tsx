import { useParams } from 'react-router';
import { ReportView } from '../admin/model-plan/model-report-page.tsx';

/** `/national/model-project/:code/report`: the same report, read by the national administrator. */
export function NationalModelReportPage() {
  const { code = '' } = useParams();
  return <ReportView tenant={code} back="/national/model-project" />;
}
