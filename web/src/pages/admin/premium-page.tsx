import { useTranslation } from 'react-i18next';
import { type PremiumRuleView, usePremiumRule } from '../../api/admin-premium.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { InfoNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { useConsole } from './console-context.ts';
import { useLabels } from './labels.ts';
import { PremiumRuleForm } from './premium-rule-form.tsx';

/** `/admin/:tenant/premium`: the national requirements (fixed) and what this municipality adds. */
export function PremiumPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('admin.premium.title'));
  const rule = usePremiumRule(admin.tenant);
  const isPrefecture = admin.municipality?.kind === 'prefecture';

  return (
    <div>
      <PageHeading>{t('admin.premium.title')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('admin.premium.lead')}</p>
      {rule.isPending && <p role="status">{t('admin.loading')}</p>}
      {rule.isError && (
        <ErrorNotice title={t('admin.premium.loadError')} error={rule.error} onRetry={() => void rule.refetch()} />
      )}
      {rule.data && (
        <div className="flex flex-col gap-10">
          <NationalRequirements national={rule.data.national} />
          {isPrefecture ? (
            <div className="max-w-3xl">
              <InfoNotice>{t('admin.premium.prefecture')}</InfoNotice>
            </div>
          ) : admin.can('premium_rule.manage') ? (
            <PremiumRuleForm saved={rule.data} />
          ) : (
            <RuleSummary rule={rule.data} />
          )}
        </div>
      )}
    </div>
  );
}

function NationalRequirements({ national }: { national: PremiumRuleView['national'] }) {
  const { t } = useTranslation();
  return (
    <div className="max-w-3xl">
      <Section title={t('admin.premium.nationalHeading')}>
        <p className="mb-3">{t('admin.premium.nationalLead')}</p>
        <ul className="list-disc pl-6">
          <li>{t('admin.premium.nationalIdentity')}</li>
          <li>{t('admin.premium.nationalResidence')}</li>
          <li>{t('admin.premium.nationalLimit', { count: national.maxPremiumMunicipalities })}</li>
          <li>
            {t('admin.premium.nationalActivities', {
              months: national.activityWindowMonths,
              count: national.minActivities,
            })}
          </li>
          <li>{t('admin.premium.nationalTerm', { months: national.termMonths })}</li>
        </ul>
      </Section>
    </div>
  );
}

/** For editors and viewers: the municipality's rule as it stands (only administrators change it). */
function RuleSummary({ rule }: { rule: PremiumRuleView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  return (
    <div className="max-w-3xl">
      <Section title={t('admin.premium.localHeading')}>
        <p className="mb-4">{t('admin.premium.readOnly')}</p>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t('admin.premium.minActivities')}</dt>
          <dd>{t('admin.premium.activitiesCount', { count: rule.minActivities })}</dd>
          <dt className="font-bold">{t('admin.premium.kindsLegend')}</dt>
          <dd>{rule.activityKinds.map(labels.activityKind).join(t('app.listSeparator'))}</dd>
          <dt className="font-bold">{t('admin.premium.typesLegend')}</dt>
          <dd>
            {rule.requiredRelationTypes.length > 0
              ? rule.requiredRelationTypes.map(labels.relationType).join(t('app.listSeparator'))
              : t('admin.premium.noTypesRequired')}
          </dd>
          <dt className="font-bold">{t('admin.premium.staffReview')}</dt>
          <dd>{rule.staffReview ? t('admin.premium.reviewOn') : t('admin.premium.reviewOff')}</dd>
          {rule.updatedAt && (
            <>
              <dt className="font-bold">{t('admin.premium.updatedAt')}</dt>
              <dd>{formatDateTime(rule.updatedAt, language)}</dd>
            </>
          )}
        </dl>
      </Section>
    </div>
  );
}
