import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_KINDS,
  MAX_ACTIVITIES,
  MIN_ACTIVITIES,
  type PremiumRule,
  type PremiumRuleView,
  RELATION_TYPES,
  usePremiumPreview,
  useSavePremiumRule,
} from '../../api/admin-premium.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice, useErrorMessage } from '../../components/error-notice.tsx';
import { FieldError, SuccessNotice } from '../../components/notice.tsx';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { useConsole } from './console-context.ts';
import { Checkbox } from './form-parts.tsx';
import { useLabels } from './labels.ts';
import { changesBetween, draftOf, normalised, problemsOf, type RuleDraft, ruleOf } from './rule-draft.ts';

const PREVIEW_PAUSE_MS = 400;

/** `value`, once it has stayed the same for `ms` (compared by content, so a new but equal object is no change). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `value`'s content.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}

/**
 * The municipality's additions to the national requirements, for administrators. Every change asks the
 * API how many of today's registrants would qualify (once typing pauses), so the effect is seen before
 * saving; saving asks for a confirmation that lists what changes.
 */
export function PremiumRuleForm({ saved }: { saved: PremiumRuleView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const admin = useConsole();
  const ids = { min: useId(), minHint: useId(), minError: useId(), kindsError: useId(), reviewHint: useId() };
  const minInput = useRef<HTMLInputElement>(null);
  const kindsGroup = useRef<HTMLFieldSetElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  const savedRule = normalised(saved);
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(saved));
  const [confirming, setConfirming] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const save = useSavePremiumRule(admin.tenant);

  const problems = problemsOf(draft);
  const rule = ruleOf(draft);
  const changes = rule ? changesBetween(savedRule, rule) : [];
  const settledRule = useSettled(rule, PREVIEW_PAUSE_MS);
  const preview = usePremiumPreview(admin.tenant, settledRule);
  const typing = JSON.stringify(rule) !== JSON.stringify(settledRule);
  const savedPreview = usePremiumPreview(admin.tenant, savedRule);
  // Only an answer for the rule as it stands now is quoted in the confirmation.
  const currentCount = typing || preview.isPlaceholderData ? undefined : preview.data?.qualify;

  const edit = (change: Partial<RuleDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setJustSaved(false);
    save.reset();
  };
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.minActivities) minInput.current?.focus();
    else if (problems.activityKinds) kindsGroup.current?.querySelector('input')?.focus();
    else if (changes.length > 0) setConfirming(true);
  };

  const confirm = () => {
    if (!rule) return;
    // A refusal stays in the dialog, beside the choice to try again or cancel.
    save.mutate(rule, {
      onSuccess: (view) => {
        setDraft(draftOf(view));
        setJustSaved(true);
        setConfirming(false);
      },
    });
  };

  return (
    <Section title={t('admin.premium.localHeading')}>
      <form noValidate onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="flex flex-col gap-8">
          <p>
            {t('admin.premium.localLead')}
            {saved.updatedAt && (
              <span className="mt-1 block text-dns-14N-130 text-solid-gray-700">
                {t('admin.premium.lastSaved', { date: formatDateTime(saved.updatedAt, language) })}
              </span>
            )}
          </p>

          <div>
            <label htmlFor={ids.min} className="block text-std-16B-170 text-solid-gray-900">
              {t('admin.premium.minActivities')}
            </label>
            <p id={ids.minHint} className="mb-2 text-dns-14N-130 text-solid-gray-700">
              {t('admin.premium.minActivitiesHint', { min: MIN_ACTIVITIES, max: MAX_ACTIVITIES })}
            </p>
            {problems.minActivities && (
              <FieldError id={ids.minError}>
                {t('admin.premium.minActivitiesError', { min: MIN_ACTIVITIES, max: MAX_ACTIVITIES })}
              </FieldError>
            )}
            <div className="flex items-center gap-2">
              <input
                ref={minInput}
                id={ids.min}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={draft.minActivities}
                aria-invalid={problems.minActivities}
                aria-describedby={problems.minActivities ? `${ids.minError} ${ids.minHint}` : ids.minHint}
                className="field w-24 tabular-nums"
                onChange={(event) => edit({ minActivities: event.target.value })}
              />
              <span>{t('admin.premium.activitiesUnit')}</span>
            </div>
          </div>

          <fieldset ref={kindsGroup} aria-describedby={problems.activityKinds ? ids.kindsError : undefined}>
            <legend className="mb-2 text-std-16B-170 text-solid-gray-900">{t('admin.premium.kindsLegend')}</legend>
            {problems.activityKinds && <FieldError id={ids.kindsError}>{t('admin.premium.kindsError')}</FieldError>}
            <div className="grid gap-x-6 sm:grid-cols-2">
              {ACTIVITY_KINDS.map((kind) => (
                <Checkbox
                  key={kind}
                  label={labels.activityKind(kind)}
                  checked={draft.activityKinds.includes(kind)}
                  onChange={(on) => edit({ activityKinds: toggle(draft.activityKinds, kind, on) })}
                />
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend className="text-std-16B-170 text-solid-gray-900">{t('admin.premium.typesLegend')}</legend>
            <p className="mb-2 text-dns-14N-130 text-solid-gray-700">{t('admin.premium.typesHint')}</p>
            <div className="flex flex-col">
              {RELATION_TYPES.map((type) => (
                <Checkbox
                  key={type}
                  label={labels.relationType(type)}
                  checked={draft.requiredRelationTypes.includes(type)}
                  onChange={(on) => edit({ requiredRelationTypes: toggle(draft.requiredRelationTypes, type, on) })}
                />
              ))}
            </div>
          </fieldset>

          <fieldset>
            <legend className="text-std-16B-170 text-solid-gray-900">{t('admin.premium.staffReview')}</legend>
            <Checkbox
              label={t('admin.premium.staffReviewLabel')}
              describedBy={ids.reviewHint}
              checked={draft.staffReview}
              onChange={(on) => edit({ staffReview: on })}
            />
            <p id={ids.reviewHint} className="text-dns-14N-130 text-solid-gray-700">
              {t('admin.premium.staffReviewHint')}
            </p>
          </fieldset>
        </div>

        {/* On a wide screen the count and the save button stay in view beside the fields (never over them). */}
        <div className="flex flex-col gap-4 lg:sticky lg:top-4">
          <PreviewPanel
            valid={rule !== null}
            typing={typing}
            preview={preview}
            savedCount={savedPreview.data?.qualify}
            changed={changes.length > 0}
          />
          {justSaved && <SuccessNotice>{t('admin.premium.saved')}</SuccessNotice>}
          {save.isError && !confirming && (
            <ErrorNotice title={t('admin.premium.saveError')} error={save.error} headingLevel={3} />
          )}
          <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
            <button
              ref={saveButton}
              type="submit"
              className="button-primary"
              aria-disabled={rule !== null && changes.length === 0}
            >
              {t('admin.premium.save')}
            </button>
            {(rule === null || changes.length > 0) && (
              <button type="button" className="button-secondary" onClick={() => edit(draftOf(saved))}>
                {t('admin.premium.undo')}
              </button>
            )}
            {changes.length === 0 && rule !== null && (
              <p className="text-dns-16N-130 text-solid-gray-700">{t('admin.premium.unchanged')}</p>
            )}
          </div>
        </div>
      </form>

      <ConfirmDialog
        open={confirming}
        tone="primary"
        title={t('admin.premium.confirmTitle')}
        confirmLabel={t('admin.premium.confirm')}
        busyLabel={t('admin.premium.saving')}
        cancelLabel={t('admin.cancel')}
        busy={save.isPending}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
        returnFocus={saveButton}
      >
        {confirming && rule && (
          <ChangeSummary
            saved={savedRule}
            edited={rule}
            qualify={currentCount}
            savedQualify={savedPreview.data?.qualify}
          />
        )}
        {save.isError && (
          <div className="mt-4">
            <ErrorNotice title={t('admin.premium.saveError')} error={save.error} headingLevel={3} />
          </div>
        )}
      </ConfirmDialog>
    </Section>
  );
}

function PreviewPanel({
  valid,
  typing,
  preview,
  savedCount,
  changed,
}: {
  valid: boolean;
  typing: boolean;
  preview: ReturnType<typeof usePremiumPreview>;
  savedCount: number | undefined;
  changed: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorMessage = useErrorMessage();
  const headingId = useId();
  const number = (n: number) => n.toLocaleString(language);
  // The answer for an earlier draft stays while the next is asked; it is marked as being updated.
  const updating = valid && (typing || preview.isFetching || preview.isPlaceholderData);

  let text: string;
  if (!valid) text = t('admin.premium.previewInvalid');
  else if (preview.data)
    text = t('admin.premium.previewCount', {
      count: preview.data.qualify,
      qualify: number(preview.data.qualify),
      total: number(preview.data.registrants),
    });
  else if (preview.isError) text = errorMessage(preview.error);
  else text = t('admin.premium.previewLoading');

  return (
    <section
      aria-labelledby={headingId}
      aria-busy={updating}
      className="rounded-8 border-2 border-blue-900 bg-blue-50 p-4"
    >
      <h3 id={headingId} className="mb-2 text-std-18B-160 text-solid-gray-900">
        {t('admin.premium.previewHeading')}
      </h3>
      <p role="status" aria-live="polite" aria-atomic="true" className="flex items-center gap-2 text-std-20B-150">
        {updating && (
          <span
            aria-hidden="true"
            className="inline-block size-4 shrink-0 animate-spin rounded-full border-2 border-blue-900 border-t-transparent"
          />
        )}
        <span>{text}</span>
      </p>
      {changed && savedCount !== undefined && (
        <p className="mt-1">{t('admin.premium.previewSaved', { count: savedCount, qualify: number(savedCount) })}</p>
      )}
      <p className="mt-2 text-dns-14N-130 text-solid-gray-800">{t('admin.premium.previewNote')}</p>
    </section>
  );
}

function ChangeSummary({
  saved,
  edited,
  qualify,
  savedQualify,
}: {
  saved: PremiumRule;
  edited: PremiumRule;
  qualify: number | undefined;
  savedQualify: number | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const separator = t('app.listSeparator');
  const describe = {
    minActivities: (rule: PremiumRule) => t('admin.premium.activitiesCount', { count: rule.minActivities }),
    activityKinds: (rule: PremiumRule) => rule.activityKinds.map(labels.activityKind).join(separator),
    requiredRelationTypes: (rule: PremiumRule) =>
      rule.requiredRelationTypes.length > 0
        ? rule.requiredRelationTypes.map(labels.relationMark).join(separator)
        : t('admin.premium.noTypesRequired'),
    staffReview: (rule: PremiumRule) => (rule.staffReview ? t('admin.premium.reviewOn') : t('admin.premium.reviewOff')),
  };
  const names = {
    minActivities: t('admin.premium.minActivities'),
    activityKinds: t('admin.premium.kindsLegend'),
    requiredRelationTypes: t('admin.premium.typesLegend'),
    staffReview: t('admin.premium.staffReview'),
  };
  return (
    <>
      <p className="mb-3">{t('admin.premium.confirmText')}</p>
      <ul className="mb-3 flex flex-col gap-2">
        {changesBetween(saved, edited).map((change) => (
          <li key={change} className="rounded-8 bg-solid-gray-50 p-3">
            <span className="block font-bold">{names[change]}</span>
            {t('admin.premium.fromTo', { from: describe[change](saved), to: describe[change](edited) })}
          </li>
        ))}
      </ul>
      {qualify !== undefined && (
        <p>
          {savedQualify === undefined
            ? t('admin.premium.confirmCountOnly', { count: qualify, qualify: qualify.toLocaleString(language) })
            : t('admin.premium.confirmCount', {
                count: qualify,
                qualify: qualify.toLocaleString(language),
                before: savedQualify.toLocaleString(language),
              })}
        </p>
      )}
    </>
  );
}
