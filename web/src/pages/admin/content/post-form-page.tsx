import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Post,
  type PostAudience,
  type PostInput,
  usePost,
  usePostPreview,
  useSavePost,
  useUploadImage,
} from '../../../api/admin-content.ts';
import { RELATION_TYPES } from '../../../api/admin-premium.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import { Checkbox, Radio } from '../form-parts.tsx';
import { useLabels } from '../labels.ts';
import { TextField } from '../opportunities/fields.tsx';
import { fromLocalInput, toLocalInput } from '../opportunities/local-time.ts';

type Mode = 'draft' | 'published' | 'scheduled';

interface Draft {
  title: string;
  body: string;
  audience: 'all' | 'premium' | 'relation_types';
  relationTypes: number[];
  pinned: boolean;
  mode: Mode;
  publishAt: string;
}

const EMPTY: Draft = {
  title: '',
  body: '',
  audience: 'all',
  relationTypes: [],
  pinned: false,
  mode: 'draft',
  publishAt: '',
};

function draftOf(post: Post): Draft {
  return {
    title: post.title,
    body: post.body,
    audience: post.audience.kind,
    relationTypes: post.audience.kind === 'relation_types' ? post.audience.relationTypes : [],
    pinned: post.pinned,
    mode: post.status,
    publishAt: post.publishAt ? toLocalInput(post.publishAt) : '',
  };
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

/** `/admin/:tenant/posts/new` and `/admin/:tenant/posts/:id`. */
export function PostFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const admin = useConsole();
  const saved = usePost(admin.tenant, id);
  const title = id ? t('adminContent.form.editTitle') : t('adminContent.form.newTitle');
  usePageTitle(title);
  return (
    <div>
      <p className="mb-4">
        <Link to={admin.path('posts')}>{t('adminContent.form.back')}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {id && saved.isPending && <p role="status">{t('admin.loading')}</p>}
      {id && saved.isError && (
        <ErrorNotice
          title={t('adminContent.form.loadError')}
          error={saved.error}
          onRetry={() => void saved.refetch()}
        />
      )}
      {(!id || saved.data) && (
        <PostForm key={saved.data?.updatedAt ?? 'new'} id={id} initial={saved.data ? draftOf(saved.data) : EMPTY} />
      )}
    </div>
  );
}

function PostForm({ id, initial }: { id: string | undefined; initial: Draft }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const navigate = useNavigate();
  const save = useSavePost(admin.tenant, id);
  const upload = useUploadImage(admin.tenant);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [alt, setAlt] = useState('');
  const fileField = useRef<HTMLInputElement>(null);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  const ids = { body: useId(), bodyHint: useId(), file: useId(), preview: useId() };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const debouncedBody = useDebounced(draft.body, 400);
  const preview = usePostPreview(admin.tenant, debouncedBody.trim() === '' ? null : debouncedBody);

  const insertImage = () => {
    const file = fileField.current?.files?.[0];
    if (!file || upload.isPending) return;
    upload.mutate(file, {
      onSuccess: (image) => {
        const markdown = `![${alt.replaceAll(/[[\]]/g, '')}](${image.url})`;
        const at = bodyField.current?.selectionStart ?? draft.body.length;
        const before = draft.body.slice(0, at);
        const after = draft.body.slice(at);
        const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
        set({ body: `${before}${gap}${markdown}\n\n${after}` });
        setAlt('');
        if (fileField.current) fileField.current.value = '';
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const publishAt = draft.mode === 'scheduled' ? fromLocalInput(draft.publishAt) : null;
    if (draft.mode === 'scheduled' && publishAt === null) {
      setProblem(t('adminContent.form.publishAtRequired'));
      return;
    }
    if (draft.audience === 'relation_types' && draft.relationTypes.length === 0) {
      setProblem(t('adminContent.form.typesRequired'));
      return;
    }
    setProblem(null);
    const audience: PostAudience =
      draft.audience === 'relation_types'
        ? { kind: 'relation_types', relationTypes: draft.relationTypes }
        : { kind: draft.audience };
    // Re-sending "publish now" would move an already published post's date: the timing is sent only
    // when it was changed here.
    const timingChanged =
      draft.mode !== initial.mode || (draft.mode === 'scheduled' && draft.publishAt !== initial.publishAt);
    const timing = publishAt ? { status: 'scheduled' as const, publishAt } : { status: draft.mode };
    const input: PostInput = {
      title: draft.title,
      body: draft.body,
      audience,
      pinned: draft.pinned,
      ...(id === undefined || timingChanged ? timing : {}),
    };
    save.mutate(input, { onSuccess: () => void navigate(admin.path('posts')) });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-2">
      <div className="flex flex-col gap-6">
        <TextField
          label={t('adminContent.form.title')}
          value={draft.title}
          required
          maxLength={100}
          onChange={(v) => set({ title: v })}
        />
        <div>
          <label htmlFor={ids.body} className="block text-std-16B-170">
            {t('adminContent.form.body')}
          </label>
          <p id={ids.bodyHint} className="text-dns-14N-130 text-solid-gray-700">
            {t('adminContent.form.bodyHint')}
          </p>
          <textarea
            ref={bodyField}
            id={ids.body}
            value={draft.body}
            rows={14}
            aria-describedby={ids.bodyHint}
            className="field mt-2 font-mono"
            onChange={(event) => set({ body: event.target.value })}
          />
        </div>
        <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-16B-170">{t('adminContent.form.imageLegend')}</legend>
          <div>
            <label htmlFor={ids.file} className="block text-std-16B-170">
              {t('adminContent.form.imageFile')}
            </label>
            <input
              id={ids.file}
              ref={fileField}
              type="file"
              accept="image/jpeg,image/png,image/webp"
              className="mt-2 block min-h-11"
            />
          </div>
          <TextField
            label={t('adminContent.form.imageAlt')}
            hint={t('adminContent.form.imageAltHint')}
            value={alt}
            maxLength={200}
            onChange={setAlt}
          />
          {upload.isError && (
            <ErrorNotice title={t('adminContent.form.uploadError')} error={upload.error} headingLevel={3} />
          )}
          <div>
            <button type="button" className="button-secondary" aria-disabled={upload.isPending} onClick={insertImage}>
              {upload.isPending ? t('adminContent.form.uploading') : t('adminContent.form.insertImage')}
            </button>
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-std-16B-170">{t('adminContent.form.audience')}</legend>
          <Radio
            name="audience"
            label={t('adminContent.audience.all')}
            checked={draft.audience === 'all'}
            onChange={() => set({ audience: 'all' })}
          />
          <Radio
            name="audience"
            label={t('adminContent.audience.premium')}
            checked={draft.audience === 'premium'}
            onChange={() => set({ audience: 'premium' })}
          />
          <Radio
            name="audience"
            label={t('adminContent.audience.relation_types')}
            checked={draft.audience === 'relation_types'}
            onChange={() => set({ audience: 'relation_types' })}
          />
          {draft.audience === 'relation_types' && (
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
          <legend className="mb-2 text-std-16B-170">{t('adminContent.form.timing')}</legend>
          <Radio
            name="mode"
            label={t('adminContent.form.modeDraft')}
            checked={draft.mode === 'draft'}
            onChange={() => set({ mode: 'draft' })}
          />
          <Radio
            name="mode"
            label={
              initial.mode === 'published'
                ? t('adminContent.form.modeKeepPublished')
                : t('adminContent.form.modePublish')
            }
            checked={draft.mode === 'published'}
            onChange={() => set({ mode: 'published' })}
          />
          <Radio
            name="mode"
            label={t('adminContent.form.modeSchedule')}
            checked={draft.mode === 'scheduled'}
            onChange={() => set({ mode: 'scheduled' })}
          />
          {draft.mode === 'scheduled' && (
            <TextField
              className="ml-9 md:w-80"
              type="datetime-local"
              label={t('adminContent.form.publishAt')}
              required
              value={draft.publishAt}
              onChange={(v) => set({ publishAt: v })}
            />
          )}
        </fieldset>
        <Checkbox label={t('adminContent.form.pinned')} checked={draft.pinned} onChange={(v) => set({ pinned: v })} />
        {problem && (
          <p role="alert" className="text-error-1">
            {problem}
          </p>
        )}
        {save.isError && <ErrorNotice title={t('adminContent.form.saveError')} error={save.error} />}
        <div className="flex flex-wrap gap-4">
          <button type="submit" className="button-primary" aria-disabled={save.isPending}>
            {save.isPending ? t('adminContent.form.saving') : t('adminContent.form.save')}
          </button>
          <Link to={admin.path('posts')} className="button-secondary">
            {t('adminContent.form.cancel')}
          </Link>
        </div>
      </div>
      <section aria-labelledby={ids.preview} className="lg:sticky lg:top-4 lg:self-start">
        <h2 id={ids.preview} className="mb-2 text-std-20B-150">
          {t('adminContent.form.preview')}
        </h2>
        <div className="rounded-8 border border-solid-gray-420 p-4">
          <p className="mb-3 text-std-20B-150">{draft.title || t('adminContent.form.untitled')}</p>
          {preview.isError && (
            <ErrorNotice title={t('adminContent.form.previewError')} error={preview.error} headingLevel={3} />
          )}
          {draft.body.trim() === '' ? (
            <p className="text-solid-gray-700">{t('adminContent.form.previewEmpty')}</p>
          ) : (
            // The server's rendering: Markdown without raw HTML, sanitized (src/modules/content/markdown.ts).
            <div
              className="prose-post flex flex-col gap-3 [&_img]:h-auto [&_img]:max-w-full [&_ul]:list-disc [&_ul]:pl-6"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized HTML rendered by the API
              dangerouslySetInnerHTML={{ __html: preview.data?.bodyHtml ?? '' }}
            />
          )}
        </div>
      </section>
    </form>
  );
}
