import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Newsletter, useAudienceCount, useNewsletter } from '../../../api/newsletters.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { useConsole } from '../console-context.ts';
import { ComposeForm, draftOf, EMPTY_DRAFT } from './compose-form.tsx';
import { Deliveries } from './deliveries.tsx';
import { SendPanel } from './send-panel.tsx';

/** `/admin/:tenant/newsletters/new` and `/admin/:tenant/newsletters/:id`: compose, test, send, then follow. */
export function NewsletterPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const admin = useConsole();
  const saved = useNewsletter(admin.tenant, id);
  const title = saved.data?.subject ?? t('adminNewsletters.form.newTitle');
  usePageTitle(title);
  return (
    <div>
      <p className="mb-4">
        <Link to={admin.path('newsletters')}>{t('adminNewsletters.form.back')}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {id && saved.isPending && <p role="status">{t('admin.loading')}</p>}
      {id && saved.isError && (
        <ErrorNotice
          title={t('adminNewsletters.form.loadError')}
          error={saved.error}
          onRetry={() => void saved.refetch()}
        />
      )}
      {!id && <ComposeForm id={undefined} initial={EMPTY_DRAFT} />}
      {saved.data && saved.data.status === 'draft' && <Draft newsletter={saved.data} />}
      {saved.data && saved.data.status !== 'draft' && <Sent newsletter={saved.data} />}
    </div>
  );
}

function Draft({ newsletter }: { newsletter: Newsletter }) {
  const admin = useConsole();
  // A viewer reads the draft; composing, counting and sending are for those who may send.
  if (!admin.can('newsletter.send')) return <Body newsletter={newsletter} />;
  return <EditableDraft newsletter={newsletter} />;
}

function EditableDraft({ newsletter }: { newsletter: Newsletter }) {
  const admin = useConsole();
  const [dirty, setDirty] = useState(false);
  const onDirty = useCallback((d: boolean) => setDirty(d), []);
  const audience = useAudienceCount(admin.tenant, { segment: newsletter.segment, channels: newsletter.channels });
  return (
    <>
      <ComposeForm key={newsletter.updatedAt} id={newsletter.id} initial={draftOf(newsletter)} onDirty={onDirty} />
      <SendPanel newsletter={newsletter} dirty={dirty} audience={audience.data?.people ?? 0} />
    </>
  );
}

function Sent({ newsletter }: { newsletter: Newsletter }) {
  return (
    <>
      <Body newsletter={newsletter} />
      <Deliveries newsletter={newsletter} />
    </>
  );
}

function Body({ newsletter }: { newsletter: Newsletter }) {
  return (
    <div
      className="prose-post flex max-w-3xl flex-col gap-3 rounded-8 border border-solid-gray-420 p-4 [&_ul]:list-disc [&_ul]:pl-6"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized HTML rendered by the API
      dangerouslySetInnerHTML={{ __html: newsletter.bodyHtml }}
    />
  );
}
