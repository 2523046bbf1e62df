import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RELATION_TYPES } from '../../../api/admin-premium.ts';
import {
  type Channel,
  type Newsletter,
  type NewsletterInput,
  type Segment,
  useAudienceCount,
  useNewsletterPreview,
  useSaveNewsletter,
} from '../../../api/newsletters.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { useConsole } from '../console-context.ts';
import { Checkbox, Radio } from '../form-parts.tsx';
import { useLabels } from '../labels.ts';
import { TextField } from '../opportunities/fields.tsx';

export interface Draft {
  subject: string;
  body: string;
  segment: Segment['kind'];
  relationTypes: number[];
  channels: Channel[];
}

export const EMPTY_DRAFT: Draft = { subject: '', body: '', segment: 'all', relationTypes: [], channels: ['email'] };

export function draftOf(newsletter: Newsletter): Draft {
  return {
    subject: newsletter.subject,
    body: newsletter.body,
    segment: newsletter.segment.kind,
    relationTypes: newsletter.segment.kind === 'relation_types' ? newsletter.segment.relationTypes : [],
    channels: newsletter.channels,
  };
}

function segmentOf(draft: Draft): Segment | null {
  if (draft.segment !== 'relation_types') return { kind: draft.segment };
  return draft.relationTypes.length > 0 ? { kind: 'relation_types', relationTypes: draft.relationTypes } : null;
}

/** The value after it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Subject, Markdown body with a live preview, the segment with its live count, and the channels. */
export function ComposeForm({
  id,
  initial,
  onDirty,
}: {
  id: string | undefined;
  initial: Draft;
  onDirty?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const navigate = useNavigate();
  const save = useSaveNewsletter(admin.tenant, id);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const ids = { body: useId(), bodyHint: useId(), preview: useId(), audience: useId() };
  const set = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);

  const debouncedBody = useDebounced(draft.body, 400);
  const preview = useNewsletterPreview(admin.tenant, debouncedBody.trim() === '' ? null : debouncedBody);
  const segment = segmentOf(draft);
  const audience = useAudienceCount(
    admin.tenant,
    segment && draft.channels.length > 0 ? { segment, channels: draft.channels } : null,
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const missing =
      draft.subject.trim() === ''
        ? 'subjectRequired'
        : draft.body.trim() === ''
          ? 'bodyRequired'
          : segment === null
            ? 'typesRequired'
            : draft.channels.length === 0
              ? 'channelsRequired'
              : null;
    if (missing || segment === null) {
      setProblem(t(`adminNewsletters.form.${missing ?? 'typesRequired'}`));
      return;
    }
    setProblem(null);
    const input: NewsletterInput = { subject: draft.subject, body: draft.body, segment, channels: draft.channels };
    save.mutate(input, {
      onSuccess: (newsletter) => {
        setSaved(true);
        if (id === undefined) void navigate(admin.path(`newsletters/${newsletter.id}`));
      },
    });
  };

  const toggleChannel = (channel: Channel, on: boolean) =>
    set({
      channels: on ? [...new Set([...draft.channels, channel])].sort() : draft.channels.filter((c) => c !== channel),
    });

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-2">
      <div className="flex flex-col gap-6">
        <TextField
          label={t('adminNewsletters.form.subject')}
          value={draft.subject}
          required
          maxLength={200}
          onChange={(v) => set({ subject: v })}
        />
        <div>
          <label htmlFor={ids.body} className="block text-std-16B-170">
            {t('adminNewsletters.form.body')}
          </label>
          <p id={ids.bodyHint} className="text-dns-14N-130 text-solid-gray-700">
            {t('adminNewsletters.form.bodyHint')}
          </p>
          <textarea
            id={ids.body}
            value={draft.body}
            rows={12}
            required
            aria-describedby={ids.bodyHint}
            className="field mt-2 font-mono"
            onChange={(event) => set({ body: event.target.value })}
          />
        </div>
        <fieldset>
          <legend className="mb-2 text-std-16B-170">{t('adminNewsletters.form.segment')}</legend>
          {(['all', 'premium', 'relation_types'] as const).map((kind) => (
            <Radio
              key={kind}
              name="segment"
              label={t(
                `adminNewsletters.form.${kind === 'all' ? 'segmentAll' : kind === 'premium' ? 'segmentPremium' : 'segmentTypes'}`,
              )}
              checked={draft.segment === kind}
              onChange={() => set({ segment: kind })}
            />
          ))}
          {draft.segment === 'relation_types' && (
            <div className="ml-9">
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
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-std-16B-170">{t('adminNewsletters.form.channels')}</legend>
          {(['email', 'push'] as const).map((channel) => (
            <Checkbox
              key={channel}
              label={t(`adminNewsletters.channel.${channel}`)}
              checked={draft.channels.includes(channel)}
              onChange={(on) => toggleChannel(channel, on)}
            />
          ))}
        </fieldset>
        <p id={ids.audience} aria-live="polite" className="rounded-8 bg-solid-gray-50 p-4">
          {audience.data
            ? t('adminNewsletters.form.audience', audience.data)
            : audience.isError
              ? t('adminNewsletters.form.audienceError')
              : segment && draft.channels.length > 0
                ? t('adminNewsletters.form.audienceLoading')
                : ''}
        </p>
        {problem && (
          <p role="alert" className="font-bold text-error-2">
            {problem}
          </p>
        )}
        {save.isError && (
          <ErrorNotice title={t('adminNewsletters.form.saveError')} error={save.error} headingLevel={3} />
        )}
        {saved && !dirty && <SuccessNotice>{t('adminNewsletters.form.saved')}</SuccessNotice>}
        <div>
          <button type="submit" className="button-primary" aria-disabled={save.isPending}>
            {save.isPending ? t('adminNewsletters.form.saving') : t('adminNewsletters.form.save')}
          </button>
        </div>
      </div>
      <section aria-labelledby={ids.preview} className="lg:sticky lg:top-4 lg:self-start">
        <h2 id={ids.preview} className="mb-2 text-std-20B-150">
          {t('adminNewsletters.form.preview')}
        </h2>
        <div className="rounded-8 border border-solid-gray-420 p-4">
          <p className="mb-3 text-std-18B-160">{draft.subject}</p>
          {preview.isError && (
            <ErrorNotice title={t('adminNewsletters.form.previewError')} error={preview.error} headingLevel={3} />
          )}
          {draft.body.trim() === '' ? (
            <p className="text-solid-gray-700">{t('adminNewsletters.form.previewEmpty')}</p>
          ) : (
            <div
              className="prose-post flex flex-col gap-3 [&_ul]:list-disc [&_ul]:pl-6"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized HTML rendered by the API (content module)
              dangerouslySetInnerHTML={{ __html: preview.data?.bodyHtml ?? '' }}
            />
          )}
        </div>
      </section>
    </form>
  );
}
