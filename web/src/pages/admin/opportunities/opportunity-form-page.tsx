import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type OpportunityInput,
  type OpportunityStatus,
  type StaffOpportunity,
  useOpportunity,
  useSaveOpportunity,
} from '../../../api/admin-opportunities.ts';
import { ACTIVITY_KINDS, type ActivityKind, RELATION_TYPES } from '../../../api/admin-premium.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import { Checkbox, Radio } from '../form-parts.tsx';
import { useLabels } from '../labels.ts';
import { CoHostsField } from './co-hosts-field.tsx';
import { TextField } from './fields.tsx';
import { fromLocalInput, toLocalInput } from './local-time.ts';

interface SessionDraft {
  id?: string;
  startsAt: string;
  endsAt: string;
}

interface Draft {
  kind: ActivityKind;
  title: string;
  description: string;
  sessions: SessionDraft[];
  place: string;
  online: boolean;
  capacity: string;
  minTier: 'basic' | 'premium';
  identityRequired: boolean;
  relationTypes: number[];
  questions: string[];
  coHosts: string[];
  status: OpportunityStatus;
}

const EMPTY: Draft = {
  kind: 'volunteer',
  title: '',
  description: '',
  sessions: [{ startsAt: '', endsAt: '' }],
  place: '',
  online: false,
  capacity: '10',
  minTier: 'basic',
  identityRequired: false,
  relationTypes: [],
  questions: [],
  coHosts: [],
  status: 'draft',
};

function draftOf(saved: StaffOpportunity): Draft {
  return {
    kind: (ACTIVITY_KINDS as readonly string[]).includes(saved.kind) ? (saved.kind as ActivityKind) : 'volunteer',
    title: saved.title,
    description: saved.description,
    sessions: saved.sessions.map((s) => ({
      id: s.id,
      startsAt: toLocalInput(s.startsAt),
      endsAt: toLocalInput(s.endsAt),
    })),
    place: saved.place,
    online: saved.online,
    capacity: String(saved.capacity),
    minTier: saved.eligibility.minTier,
    identityRequired: saved.eligibility.identityRequired,
    relationTypes: saved.eligibility.relationTypes,
    questions: saved.questions,
    coHosts: saved.coHosts.map((host) => host.code),
    status: saved.status,
  };
}

/** `/admin/:tenant/opportunities/new` and `…/:id/edit`. */
export function OpportunityFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const admin = useConsole();
  const saved = useOpportunity(admin.tenant, id);
  const title = id ? t('adminOpp.form.editTitle') : t('adminOpp.form.newTitle');
  usePageTitle(title);
  if (id && saved.isPending) return <p role="status">{t('admin.loading')}</p>;
  if (id && saved.isError) {
    return (
      <div>
        <PageHeading>{title}</PageHeading>
        <ErrorNotice title={t('adminOpp.detail.loadError')} error={saved.error} onRetry={() => void saved.refetch()} />
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <PageHeading>{title}</PageHeading>
      <OpportunityForm
        key={saved.data?.updatedAt ?? 'new'}
        id={id}
        initial={saved.data ? draftOf(saved.data) : EMPTY}
      />
    </div>
  );
}

function OpportunityForm({ id, initial }: { id: string | undefined; initial: Draft }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const navigate = useNavigate();
  const save = useSaveOpportunity(admin.tenant, id);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setSession = (index: number, change: Partial<SessionDraft>) =>
    set({ sessions: draft.sessions.map((s, i) => (i === index ? { ...s, ...change } : s)) });

  const statuses: OpportunityStatus[] = id ? ['draft', 'open', 'closed'] : ['draft', 'open'];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const sessions = draft.sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      startsAt: fromLocalInput(s.startsAt),
      endsAt: fromLocalInput(s.endsAt),
    }));
    if (sessions.some((s) => s.startsAt === null || s.endsAt === null)) {
      setProblem(t('adminOpp.form.sessionIncomplete'));
      return;
    }
    setProblem(null);
    const input: OpportunityInput = {
      kind: draft.kind,
      title: draft.title,
      description: draft.description,
      sessions: sessions as { startsAt: string; endsAt: string }[],
      place: draft.place,
      online: draft.online,
      capacity: Number(draft.capacity),
      eligibility: {
        minTier: draft.minTier,
        identityRequired: draft.identityRequired,
        relationTypes: draft.relationTypes,
      },
      questions: draft.questions.map((q) => q.trim()).filter((q) => q !== ''),
      coHosts: draft.coHosts,
      status: draft.status === 'closed' && !id ? 'draft' : (draft.status as 'draft' | 'open'),
    };
    const body = id ? { ...input, status: draft.status } : input;
    save.mutate(body, { onSuccess: (result) => void navigate(admin.path(`opportunities/${result.id}`)) });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.kind')}</legend>
        <div className="grid sm:grid-cols-2">
          {ACTIVITY_KINDS.map((k) => (
            <Radio
              key={k}
              name="kind"
              label={labels.activityKind(k)}
              checked={draft.kind === k}
              onChange={() => set({ kind: k })}
            />
          ))}
        </div>
      </fieldset>
      <TextField
        label={t('adminOpp.form.title')}
        value={draft.title}
        required
        maxLength={100}
        onChange={(v) => set({ title: v })}
      />
      <TextField
        label={t('adminOpp.form.description')}
        value={draft.description}
        required
        multiline
        rows={6}
        maxLength={5000}
        onChange={(v) => set({ description: v })}
      />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.sessions')}</legend>
        <p className="text-dns-14N-130 text-solid-gray-700">{t('adminOpp.form.sessionsHint')}</p>
        {draft.sessions.map((session, index) => (
          <div
            key={session.id ?? `new-${index}`}
            className="flex flex-wrap items-end gap-4 rounded-8 border border-solid-gray-420 p-4"
          >
            <TextField
              label={t('adminOpp.form.startsAt', { n: index + 1 })}
              type="datetime-local"
              required
              value={session.startsAt}
              onChange={(v) => setSession(index, { startsAt: v })}
            />
            <TextField
              label={t('adminOpp.form.endsAt', { n: index + 1 })}
              type="datetime-local"
              required
              value={session.endsAt}
              onChange={(v) => setSession(index, { endsAt: v })}
            />
            {draft.sessions.length > 1 && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => set({ sessions: draft.sessions.filter((_, i) => i !== index) })}
              >
                {t('adminOpp.form.removeSession', { n: index + 1 })}
              </button>
            )}
          </div>
        ))}
        <div>
          <button
            type="button"
            className="button-secondary"
            onClick={() => set({ sessions: [...draft.sessions, { startsAt: '', endsAt: '' }] })}
          >
            {t('adminOpp.form.addSession')}
          </button>
        </div>
      </fieldset>
      <TextField
        label={t('adminOpp.form.place')}
        value={draft.place}
        required
        maxLength={200}
        onChange={(v) => set({ place: v })}
      />
      <Checkbox label={t('adminOpp.form.online')} checked={draft.online} onChange={(v) => set({ online: v })} />
      <TextField
        label={t('adminOpp.form.capacity')}
        type="number"
        required
        value={draft.capacity}
        onChange={(v) => set({ capacity: v })}
        className="md:w-60"
      />
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.eligibility')}</legend>
        <Radio
          name="minTier"
          label={t('adminOpp.form.tierBasic')}
          checked={draft.minTier === 'basic'}
          onChange={() => set({ minTier: 'basic' })}
        />
        <Radio
          name="minTier"
          label={t('adminOpp.form.tierPremium')}
          checked={draft.minTier === 'premium'}
          onChange={() => set({ minTier: 'premium' })}
        />
        <Checkbox
          label={t('adminOpp.form.identityRequired')}
          checked={draft.identityRequired}
          onChange={(v) => set({ identityRequired: v })}
        />
        <p className="mt-3 text-dns-14N-130 text-solid-gray-700">{t('adminOpp.form.typesHint')}</p>
        {RELATION_TYPES.map((type) => (
          <Checkbox
            key={type}
            label={labels.relationType(type)}
            checked={draft.relationTypes.includes(type)}
            onChange={(on) =>
              set({
                relationTypes: on
                  ? [...draft.relationTypes, type].sort()
                  : draft.relationTypes.filter((x) => x !== type),
              })
            }
          />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.questions')}</legend>
        {draft.questions.map((question, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are plain strings edited in place, by position
          <div key={index} className="flex flex-wrap items-end gap-4">
            <TextField
              label={t('adminOpp.form.question', { n: index + 1 })}
              value={question}
              maxLength={300}
              className="grow"
              onChange={(v) => set({ questions: draft.questions.map((q, i) => (i === index ? v : q)) })}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => set({ questions: draft.questions.filter((_, i) => i !== index) })}
            >
              {t('adminOpp.form.removeQuestion', { n: index + 1 })}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="button-secondary"
            onClick={() => set({ questions: [...draft.questions, ''] })}
          >
            {t('adminOpp.form.addQuestion')}
          </button>
        </div>
      </fieldset>
      <CoHostsField tenant={admin.tenant} value={draft.coHosts} onChange={(coHosts) => set({ coHosts })} />
      <fieldset>
        <legend className="mb-2 text-std-16B-170">{t('adminOpp.form.status')}</legend>
        {statuses.map((s) => (
          <Radio
            key={s}
            name="status"
            label={t(`adminOpp.status.${s}`)}
            hint={t(`adminOpp.statusHint.${s}`)}
            checked={draft.status === s}
            onChange={() => set({ status: s })}
          />
        ))}
      </fieldset>
      {problem && (
        <p role="alert" className="text-error-1">
          {problem}
        </p>
      )}
      {save.isError && <ErrorNotice title={t('adminOpp.form.saveError')} error={save.error} />}
      <div className="flex flex-wrap gap-4">
        <button type="submit" className="button-primary" aria-disabled={save.isPending}>
          {save.isPending ? t('adminOpp.form.saving') : t('adminOpp.form.save')}
        </button>
        <Link to={id ? admin.path(`opportunities/${id}`) : admin.path('opportunities')} className="button-secondary">
          {t('adminOpp.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
