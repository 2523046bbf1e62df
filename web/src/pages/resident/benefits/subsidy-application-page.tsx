import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { usePrefectures } from '../../../api/municipalities.ts';
import {
  type ApplicationForm,
  benefitsKey,
  type FormField,
  submitSubsidyApplication,
  useApplicationForm,
} from '../../../api/resident-benefits.ts';
import { useSession } from '../../../api/session.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { FieldError, SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { prefectureLabel } from '../../../i18n/prefecture-names.ts';
import { signInPath } from '../../../next-path.ts';
import { useAttemptKey } from '../activities/attempt-key.ts';

type Value = string | boolean | null;
const ABROAD = '99';

/**
 * `/benefits/:id/apply`: a subsidy application filled in from the registration (手続の円滑化): the person checks what
 * the municipality will see, answers the measure's own questions and sends it.
 */
export function SubsidyApplicationPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const session = useSession();
  const form = useApplicationForm(session.data?.signedIn ? id : undefined);
  const title = form.data
    ? t('residentBenefits.apply.title', { title: form.data.measure.title })
    : t('residentBenefits.apply.titleFallback');
  usePageTitle(title);
  if (session.data && !session.data.signedIn)
    return <Navigate to={signInPath(`/benefits/${id ?? ''}/apply`)} replace />;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link to="/benefits" className="inline-flex min-h-11 items-center self-start">
        {t('residentBenefits.apply.back')}
      </Link>
      <PageHeading>{title}</PageHeading>
      {(session.isPending || form.isPending) && !form.isError && <p role="status">{t('resident.loading')}</p>}
      {form.isError && (
        <ErrorNotice
          title={t('residentBenefits.apply.loadError')}
          error={form.error}
          onRetry={() => void form.refetch()}
        />
      )}
      {form.data && <SubsidyForm form={form.data} />}
    </div>
  );
}

function SubsidyForm({ form }: { form: ApplicationForm }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const attempt = useAttemptKey();
  const prefectures = usePrefectures();
  const { prefilled, measure } = form;
  const [displayName, setDisplayName] = useState(prefilled.displayName ?? '');
  const [email, setEmail] = useState(prefilled.email ?? '');
  const [residence, setResidence] = useState(prefilled.residencePrefecture ?? '');
  const [shareTypes, setShareTypes] = useState(true);
  const [answers, setAnswers] = useState<Record<string, Value>>(() =>
    Object.fromEntries(form.fields.map((field) => [field.id, field.type === 'yes_no' ? null : ''])),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const fieldRefs = useRef(new Map<string, HTMLElement>());
  const register = (key: string) => (element: HTMLElement | null) => {
    if (element) fieldRefs.current.set(key, element);
    else fieldRefs.current.delete(key);
  };

  if (!form.eligible) {
    return (
      <div className="rounded-8 bg-solid-gray-50 p-4">
        <p className="font-bold">{t('residentBenefits.apply.notEligible')}</p>
        <ul className="list-disc pl-5">
          {form.reasons.map((reason) => (
            <li key={reason.code}>{reason.message[language]}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (done) {
    return (
      <div className="flex flex-col items-start gap-4">
        <SuccessNotice>{t('residentBenefits.apply.done')}</SuccessNotice>
        <Link to="/benefits" className="button-primary">
          {t('residentBenefits.apply.toList')}
        </Link>
      </div>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const empty = [
      ...(displayName.trim() ? [] : ['displayName']),
      ...(email.trim() ? [] : ['email']),
      ...form.fields
        .filter((field) => field.required && (answers[field.id] === '' || answers[field.id] === null))
        .map((field) => field.id),
    ];
    setMissing(empty);
    if (empty.length > 0) {
      fieldRefs.current.get(empty[0] as string)?.focus();
      return;
    }
    const body = {
      applicant: {
        displayName: displayName.trim(),
        email: email.trim(),
        residencePrefecture: residence || null,
        shareRelationTypes: shareTypes,
      },
      answers: answersToSend(form.fields, answers),
    };
    setBusy(true);
    setFailure(null);
    try {
      await submitSubsidyApplication(measure.id, body, attempt.keyFor(body));
      attempt.reset();
      void queryClient.invalidateQueries({ queryKey: benefitsKey });
      setDone(true);
    } catch (error) {
      setFailure((previous) => ({ error, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  const labelClass = 'mb-2 block text-std-16B-170 text-solid-gray-900';
  const requiredMark = (required: boolean) => (
    <span className="ml-2 text-dns-14N-130 font-normal text-solid-gray-700">
      {required ? t('residentBenefits.apply.required') : t('residentBenefits.apply.optional')}
    </span>
  );
  const errorFor = (key: string, label: string, choice = false) =>
    missing.includes(key) ? (
      <FieldError id={`${id}-${key}-error`}>
        {choice
          ? t('residentBenefits.apply.choiceRequired', { label })
          : t('residentBenefits.apply.fieldRequired', { label })}
      </FieldError>
    ) : null;
  const describedBy = (key: string, help?: string) =>
    [missing.includes(key) && `${id}-${key}-error`, help && `${id}-${key}-help`].filter(Boolean).join(' ') || undefined;
  const relationTypes = prefilled.relationTypes
    .map((type) => t(`resident.relation.${String(type) as '1'}`))
    .join(t('app.listSeparator'));

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-8">
      <p>{t('residentBenefits.apply.lead', { name: measure.municipalityName })}</p>
      <fieldset className="flex flex-col gap-5">
        <legend className="mb-1 text-std-20B-150 text-solid-gray-900">
          {t('residentBenefits.apply.applicantHeading')}
        </legend>
        <p>{t('residentBenefits.apply.applicantLead')}</p>
        <div>
          <label htmlFor={`${id}-displayName`} className={labelClass}>
            {t('residentBenefits.apply.displayName')}
            {requiredMark(true)}
          </label>
          {errorFor('displayName', t('residentBenefits.apply.displayName'))}
          <input
            id={`${id}-displayName`}
            ref={register('displayName')}
            value={displayName}
            autoComplete="name"
            maxLength={100}
            aria-invalid={missing.includes('displayName') || undefined}
            aria-describedby={describedBy('displayName')}
            className="field"
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-email`} className={labelClass}>
            {t('residentBenefits.apply.email')}
            {requiredMark(true)}
          </label>
          {errorFor('email', t('residentBenefits.apply.email'))}
          <input
            id={`${id}-email`}
            ref={register('email')}
            type="email"
            value={email}
            autoComplete="email"
            aria-invalid={missing.includes('email') || undefined}
            aria-describedby={describedBy('email')}
            className="field"
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-residence`} className={labelClass}>
            {t('residentBenefits.apply.residence')}
            {requiredMark(false)}
          </label>
          <select
            id={`${id}-residence`}
            value={residence}
            className="field appearance-auto"
            onChange={(event) => setResidence(event.target.value)}
          >
            <option value="">{t('residentBenefits.apply.noResidence')}</option>
            {prefectures.data?.map((prefecture) => (
              <option key={prefecture.prefectureCode} value={prefecture.prefectureCode}>
                {prefectureLabel(prefecture.prefectureCode, prefecture.name, language)}
              </option>
            ))}
            {residence && residence !== ABROAD && !prefectures.data && <option value={residence}>{residence}</option>}
            <option value={ABROAD}>{t('residentBenefits.apply.abroad')}</option>
          </select>
        </div>
        {relationTypes && (
          <label className="flex min-h-11 cursor-pointer items-center gap-3">
            <input
              type="checkbox"
              checked={shareTypes}
              className="size-6 shrink-0 accent-blue-900"
              onChange={(event) => setShareTypes(event.target.checked)}
            />
            <span>{t('residentBenefits.apply.shareRelationTypes', { types: relationTypes })}</span>
          </label>
        )}
      </fieldset>
      {form.fields.length > 0 && (
        <fieldset className="flex flex-col gap-5">
          <legend className="mb-1 text-std-20B-150 text-solid-gray-900">
            {t('residentBenefits.apply.answersHeading')}
          </legend>
          {form.fields.map((field) => (
            <AnswerField
              key={field.id}
              field={field}
              id={`${id}-${field.id}`}
              value={answers[field.id] ?? null}
              invalid={missing.includes(field.id)}
              error={errorFor(field.id, field.label, field.type === 'yes_no')}
              describedBy={describedBy(field.id, field.help)}
              requiredMark={requiredMark(field.required)}
              inputRef={register(field.id)}
              onChange={(value) => setAnswers((previous) => ({ ...previous, [field.id]: value }))}
            />
          ))}
        </fieldset>
      )}
      {failure && (
        <ErrorNotice
          key={failure.attempt}
          headingLevel={3}
          title={t('residentBenefits.apply.submitError')}
          error={failure.error}
        />
      )}
      <button type="submit" className="button-primary min-w-40 self-start" aria-disabled={busy}>
        {busy ? t('residentBenefits.apply.submitting') : t('residentBenefits.apply.submit')}
      </button>
    </form>
  );
}

/** The form's own answers as the API types them; blank optional answers are left out. */
function answersToSend(fields: readonly FormField[], answers: Record<string, Value>) {
  const sent: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const value = answers[field.id];
    if (value === null || value === '' || value === undefined) continue;
    sent[field.id] = field.type === 'number' && typeof value === 'string' ? Number(value) : value;
  }
  return sent;
}

function AnswerField({
  field,
  id,
  value,
  invalid,
  error,
  describedBy,
  requiredMark,
  inputRef,
  onChange,
}: {
  field: FormField;
  id: string;
  value: Value;
  invalid: boolean;
  error: ReactNode;
  describedBy: string | undefined;
  requiredMark: ReactNode;
  inputRef: (element: HTMLElement | null) => void;
  onChange: (value: Value) => void;
}) {
  const { t } = useTranslation();
  const help = field.help ? (
    <p id={`${id}-help`} className="mb-2 text-dns-16N-130 text-solid-gray-800">
      {field.help}
    </p>
  ) : null;
  if (field.type === 'yes_no') {
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-2 text-std-16B-170 text-solid-gray-900">
          {field.label}
          {requiredMark}
        </legend>
        {help}
        {error}
        <div className="flex gap-6">
          {[true, false].map((choice, index) => (
            <label key={String(choice)} className="flex min-h-11 cursor-pointer items-center gap-3">
              <input
                ref={index === 0 ? inputRef : undefined}
                type="radio"
                name={id}
                checked={value === choice}
                className="size-6 shrink-0 accent-blue-900"
                onChange={() => onChange(choice)}
              />
              <span>{choice ? t('residentBenefits.apply.yes') : t('residentBenefits.apply.no')}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const common = {
    id,
    ref: inputRef,
    value: typeof value === 'string' ? value : '',
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: 'field',
  };
  return (
    <div>
      <label htmlFor={id} className="mb-2 block text-std-16B-170 text-solid-gray-900">
        {field.label}
        {requiredMark}
      </label>
      {help}
      {error}
      {field.type === 'textarea' ? (
        <textarea {...common} rows={4} maxLength={4000} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'numeric' : undefined}
          maxLength={field.type === 'text' ? 4000 : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
