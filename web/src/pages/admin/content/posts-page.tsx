import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { POST_STATUSES, type PostList, type PostStatus, useDeletePost, usePosts } from '../../../api/admin-content.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatDateTime } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useConsole } from '../console-context.ts';
import { PagedList, usePageParam } from '../paged-list.tsx';

type PostSummary = PostList['items'][number];

function statusFrom(value: string | null): PostStatus | undefined {
  return (POST_STATUSES as readonly string[]).includes(value ?? '') ? (value as PostStatus) : undefined;
}

/** `/admin/:tenant/posts`: news for the municipality's registrants, drafts and scheduled ones included. */
export function PostsPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminContent.posts.title'));
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const [page, goToPage] = usePageParam();
  const list = usePosts(admin.tenant, { status, page });
  const filterId = useId();
  const [deleted, setDeleted] = useState<string | null>(null);

  return (
    <div>
      <PageHeading>{t('adminContent.posts.title')}</PageHeading>
      <p className="mb-6 max-w-3xl">{t('adminContent.posts.lead')}</p>
      <div className="mb-6 flex flex-wrap items-end gap-4">
        {admin.can('content.manage') && (
          <Link to={admin.path('posts/new')} className="button-primary">
            {t('adminContent.posts.create')}
          </Link>
        )}
        <div>
          <label htmlFor={filterId} className="block text-std-16B-170">
            {t('adminContent.posts.statusFilter')}
          </label>
          <select
            id={filterId}
            className="field appearance-auto md:w-60"
            value={status ?? ''}
            onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {})}
          >
            <option value="">{t('adminContent.posts.allStatuses')}</option>
            {POST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`adminContent.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {deleted && (
        <div className="mb-6">
          <SuccessNotice>{t('adminContent.posts.deleted', { title: deleted })}</SuccessNotice>
        </div>
      )}
      <PagedList
        query={list}
        page={page}
        onPage={goToPage}
        loadError={t('adminContent.posts.loadError')}
        empty={t('adminContent.posts.empty')}
      >
        {(items) => (
          <ul className="flex max-w-4xl flex-col gap-4">
            {items.map((post) => (
              <PostItem key={post.id} post={post} onDeleted={setDeleted} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}

function PostItem({ post, onDeleted }: { post: PostSummary; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const remove = useDeletePost(admin.tenant);
  const [asking, setAsking] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const when =
    post.status === 'draft' || post.publishAt === null
      ? t('adminContent.posts.updatedAt', { at: formatDateTime(post.updatedAt, language) })
      : t(`adminContent.posts.${post.status === 'scheduled' ? 'scheduledAt' : 'publishedAt'}`, {
          at: formatDateTime(post.publishAt, language),
        });
  return (
    <li className="rounded-8 border border-solid-gray-420 p-4">
      <h2 className="text-std-18B-160">
        {admin.can('content.manage') ? <Link to={admin.path(`posts/${post.id}`)}>{post.title}</Link> : post.title}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-700">
        <span className="font-bold">{t(`adminContent.status.${post.status}`)}</span>
        {post.pinned && `${t('app.listSeparator')}${t('adminContent.posts.pinned')}`}
        {t('app.listSeparator')}
        {when}
      </p>
      {post.excerpt && <p className="mt-2">{post.excerpt}</p>}
      {admin.can('content.manage') && (
        <div className="mt-3">
          <button ref={deleteButton} type="button" className="button-secondary" onClick={() => setAsking(true)}>
            {t('adminContent.posts.delete')}
            <span className="sr-only">{t('adminContent.posts.of', { title: post.title })}</span>
          </button>
          {remove.isError && (
            <ErrorNotice title={t('adminContent.posts.deleteError')} error={remove.error} headingLevel={3} />
          )}
          <ConfirmDialog
            open={asking}
            title={t('adminContent.posts.confirmTitle')}
            confirmLabel={t('adminContent.posts.confirm')}
            busyLabel={t('adminContent.posts.deleting')}
            cancelLabel={t('adminContent.posts.keep')}
            busy={remove.isPending}
            onConfirm={() =>
              remove.mutate(post.id, {
                onSuccess: () => {
                  setAsking(false);
                  onDeleted(post.title);
                },
                onError: () => setAsking(false),
              })
            }
            onClose={() => setAsking(false)}
            returnFocus={deleteButton}
          >
            <p>{t('adminContent.posts.confirmText', { title: post.title })}</p>
          </ConfirmDialog>
        </div>
      )}
    </li>
  );
}
