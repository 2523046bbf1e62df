import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { type ModelPlan, useModelPlan, useSaveModelPlan } from '../../../api/national.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { InfoNotice, SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';

const ITEMS = [
  'regionalIssues',
  'deepeningInitiatives',
  'contentPlan',
  'supportMeasures',
  'premiumRequirements',
] as const;
const EMPTY: ModelPlan = {
  regionalIssues: '',
  deepeningInitiatives: '',
  contentPlan: '',
  supportMeasures: '',
  premiumRequirements: '',
  baselineOn: null,
  baselineNote: '',
};

/** `/admin/:tenant/model-plan`: the municipality's STEP1 plan (seed 第2) and its baseline. */
export function ModelPlanPage() {
  const { t } = useTranslation();
  const ctx = useConsole();
  usePageTitle(t('national.plan.title'));
  const plan = useModelPlan(ctx.tenant);
  const save = useSaveModelPlan(ctx.tenant);
  const [draft, setDraft] = useState<ModelPlan>(EMPTY);
  const baseId = useId();
  const canEdit = ctx.role !== 'viewer';
  useEffect(() => {
    if (plan.data) setDraft(plan.data.plan);
  }, [plan.data]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const notMember = plan.error instanceof ApiError && plan.error.code === 'MODEL_PROJECT_MEMBER_NOT_FOUND';

  return (
    <div className="max-w-3xl">
      <PageHeading>{t('national.plan.title')}</PageHeading>
      {notMember && <InfoNotice>{t('national.plan.notMember')}</InfoNotice>}
      {plan.isError && !notMember && <ErrorNotice title={t('national.loadError')} error={plan.error} />}
      {plan.data && (
        <>
          <p className="mb-2">
            {t('national.plan.status', {
              type: t(`national.model.types.${plan.data.member.type}`),
              step: t(`national.model.steps.step${plan.data.member.step as 1 | 2 | 3}`),
            })}
          </p>
          <p className="mb-6">
            <Link to={ctx.path('model-plan/report')} className="inline-flex min-h-11 items-center">
              {t('national.plan.reportLink')}
            </Link>
          </p>
          {save.isSuccess && <SuccessNotice>{t('national.plan.saved')}</SuccessNotice>}
          {save.isError && <ErrorNotice title={t('national.plan.saveFailed')} error={save.error} />}
          <form onSubmit={onSubmit} className="flex flex-col gap-5">
            {ITEMS.map((item) => (
              <div key={item}>
                <label htmlFor={`${baseId}-${item}`} className="block text-std-16B-170">
                  {t(`national.plan.items.${item}`)}
                </label>
                <p id={`${baseId}-${item}-hint`} className="text-dns-14N-130 text-solid-gray-700">
                  {t(`national.plan.hints.${item}`)}
                </p>
                <textarea
                  id={`${baseId}-${item}`}
                  aria-describedby={`${baseId}-${item}-hint`}
                  className="field mt-2"
                  rows={4}
                  maxLength={4000}
                  readOnly={!canEdit}
                  value={draft[item]}
                  onChange={(event) => setDraft({ ...draft, [item]: event.target.value })}
                />
              </div>
            ))}
            <div>
              <label htmlFor={`${baseId}-baselineOn`} className="block text-std-16B-170">
                {t('national.plan.items.baselineOn')}
              </label>
              <input
                id={`${baseId}-baselineOn`}
                type="date"
                className="field mt-2"
                readOnly={!canEdit}
                value={draft.baselineOn ?? ''}
                onChange={(event) => setDraft({ ...draft, baselineOn: event.target.value || null })}
              />
            </div>
            <div>
              <label htmlFor={`${baseId}-baselineNote`} className="block text-std-16B-170">
                {t('national.plan.items.baselineNote')}
              </label>
              <textarea
                id={`${baseId}-baselineNote`}
                className="field mt-2"
                rows={2}
                maxLength={4000}
                readOnly={!canEdit}
                value={draft.baselineNote}
                onChange={(event) => setDraft({ ...draft, baselineNote: event.target.value })}
              />
            </div>
            {canEdit && (
              <button type="submit" className="button-primary self-start" disabled={save.isPending}>
                {t('national.plan.save')}
              </button>
            )}
          </form>
        </>
      )}
    </div>
  );
}
