import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  type FormField,
  MEASURE_KINDS,
  type Measure,
  type MeasureInput,
  type MeasureKind,
  PARTNER_KINDS,
  useMeasure,
  usePartners,
  useSaveMeasure,
} from '../../../api/admin-measures.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import { Checkbox, Radio } from '../form-parts.tsx';
import { useLabels } from '../labels.ts';
import { TextField } from '../opportunities/fields.tsx';
import { FormFieldsEditor } from './form-fields-editor.tsx';

interface Draft {
  kind: MeasureKind;
  title: string;
  summary: string;
  description: string;
  minTier: 'basic' | 'premium';
  relationTypes: number[];
  usage: 'once' | 'repeatable';
  validFrom: string;
  validUntil: string;
  maxAmountYen: string;
  formFields: FormField[];
  published: boolean;
  partnerIds: string[];
}

function draftOf(measure: Measure | undefined): Draft {
  return {
    kind: measure?.kind ?? 'discount',
    title: measure?.title ?? '',
    summary: measure?.summary ?? '',
    description: measure?.description ?? '',
    minTier: measure?.minTier ?? 'basic',
    relationTypes: measure?.relationTypes ?? [],
    usage: measure?.usage ?? 'repeatable',
    validFrom: measure?.validFrom ?? '',
    validUntil: measure?.validUntil ?? '',
    maxAmountYen: measure?.maxAmountYen ? String(measure.maxAmountYen) : '',
    formFields: measure?.formFields ?? [],
    published: measure?.published ?? false,
    partnerIds: measure?.partners.map((p) => p.id) ?? [],
  };
}

/** What the API takes: settings that do not apply to the kind are sent empty (the server refuses them otherwise). */
function inputOf(draft: Draft): MeasureInput {
  const subsidy = draft.kind === 'subsidy';
  return {
    ...draft,
    validFrom: draft.validFrom || null,
    validUntil: draft.validUntil || null,
    maxAmountYen: subsidy && draft.maxAmountYen ? Number(draft.maxAmountYen) : null,
    formFields: subsidy ? draft.formFields : [],
    partnerIds: PARTNER_KINDS.includes(draft.kind) ? draft.partnerIds : [],
  };
}

/** `/admin/:tenant/measures/new` and `/admin/:tenant/measures/:id`: a support measure's settings. */
export function MeasureFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const admin = useConsole();
  const measure = useMeasure(admin.tenant, id);
  const title = id ? (measure.data?.title ?? t('adminMeasures.form.editTitle')) : t('adminMeasures.form.newTitle');
  usePageTitle(title);
  return (
    <div>
      <p className="mb-4">
        <Link to={admin.path('measures')}>{t('adminMeasures.form.back')}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {id && measure.isPending && <p role="status">{t('admin.loading')}</p>}
      {measure.isError && (
        <ErrorNotice
          title={t('adminMeasures.form.loadError')}
          error={measure.error}
          onRetry={() => void measure.refetch()}
        />
      )}
      {(!id || measure.data) && <MeasureForm key={measure.data?.id ?? 'new'} measure={measure.data} />}
    </div>
  );
}

function MeasureForm({ measure }: { measure: Measure | undefined }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const navigate = useNavigate();
  const location = useLocation();
  const save = useSaveMeasure(admin.tenant, measure?.id);
  const partners = usePartners(admin.tenant);
  const [draft, setDraft] = useState(() => draftOf(measure));
  const [saved, setSaved] = useState(location.state === 'created');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const readOnly = !admin.can('measure.manage');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending || readOnly) return;
    save.mutate(inputOf(draft), {
      onSuccess: (result) => {
        if (measure) setSaved(true);
        else navigate(admin.path(`measures/${result.id}`), { state: 'created' });
      },
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-6">
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.kind')}</legend>
        {MEASURE_KINDS.map((kind) => (
          <Radio
            key={kind}
            name="kind"
            label={t(`adminMeasures.kind.${kind}`)}
            hint={t(`adminMeasures.kindHint.${kind}`)}
            checked={draft.kind === kind}
            onChange={() => set('kind', kind)}
          />
        ))}
      </fieldset>
      <TextField
        label={t('adminMeasures.form.title')}
        value={draft.title}
        required
        maxLength={100}
        onChange={(v) => set('title', v)}
      />
      <TextField
        label={t('adminMeasures.form.summary')}
        hint={t('adminMeasures.form.summaryHint')}
        value={draft.summary}
        maxLength={200}
        onChange={(v) => set('summary', v)}
      />
      <TextField
        label={t('adminMeasures.form.description')}
        value={draft.description}
        multiline
        maxLength={4000}
        onChange={(v) => set('description', v)}
      />
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.minTier')}</legend>
        {(['basic', 'premium'] as const).map((tier) => (
          <Radio
            key={tier}
            name="minTier"
            label={t(`adminMeasures.tierChoice.${tier}`)}
            checked={draft.minTier === tier}
            onChange={() => set('minTier', tier)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.relationTypes')}</legend>
        <p className="text-dns-14N-130 text-solid-gray-700">{t('adminMeasures.form.relationTypesHint')}</p>
        {[1, 2, 3, 4].map((type) => (
          <Checkbox
            key={type}
            label={labels.relationType(type)}
            checked={draft.relationTypes.includes(type)}
            onChange={(on) => set('relationTypes', toggle(draft.relationTypes, type, on))}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.usage')}</legend>
        {(['once', 'repeatable'] as const).map((usage) => (
          <Radio
            key={usage}
            name="usage"
            label={t(`adminMeasures.usage.${usage}`)}
            checked={draft.usage === usage}
            onChange={() => set('usage', usage)}
          />
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <DateField
          label={t('adminMeasures.form.validFrom')}
          value={draft.validFrom}
          onChange={(v) => set('validFrom', v)}
        />
        <DateField
          label={t('adminMeasures.form.validUntil')}
          value={draft.validUntil}
          onChange={(v) => set('validUntil', v)}
        />
      </div>
      {draft.kind === 'subsidy' && (
        <>
          <TextField
            label={t('adminMeasures.form.maxAmount')}
            type="number"
            value={draft.maxAmountYen}
            onChange={(v) => set('maxAmountYen', v)}
          />
          <FormFieldsEditor fields={draft.formFields} onChange={(f) => set('formFields', f)} />
        </>
      )}
      {PARTNER_KINDS.includes(draft.kind) && (
        <fieldset>
          <legend className="mb-2 text-std-16B-170">{t('adminMeasures.form.partners')}</legend>
          {partners.data?.items.length === 0 && <p>{t('adminMeasures.form.noPartners')}</p>}
          {partners.data?.items.map((partner) => (
            <Checkbox
              key={partner.id}
              label={partner.name}
              checked={draft.partnerIds.includes(partner.id)}
              onChange={(on) => set('partnerIds', toggle(draft.partnerIds, partner.id, on))}
            />
          ))}
          {partners.isError && (
            <ErrorNotice title={t('adminMeasures.form.partnersError')} error={partners.error} headingLevel={3} />
          )}
        </fieldset>
      )}
      <Checkbox
        label={t('adminMeasures.form.published')}
        checked={draft.published}
        onChange={(v) => set('published', v)}
      />
      {saved && <SuccessNotice>{t('adminMeasures.form.saved')}</SuccessNotice>}
      {save.isError && <ErrorNotice title={t('adminMeasures.form.saveError')} error={save.error} headingLevel={3} />}
      {!readOnly && (
        <div>
          <button type="submit" className="button-primary" aria-disabled={save.isPending}>
            {save.isPending ? t('adminMeasures.form.saving') : t('adminMeasures.form.save')}
          </button>
        </div>
      )}
    </form>
  );
}

function DateField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="block text-std-16B-170">
      {label}
      <input type="date" className="field mt-2" value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
