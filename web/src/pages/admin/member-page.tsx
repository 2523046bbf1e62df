import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type MemberActivity, type RegistrantDetail, useRegistrant } from '../../api/admin-members.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { formatDate, formatInstantDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { useConsole } from './console-context.ts';
import { useLabels, usePrefectureNames } from './labels.ts';
import { RecordActivityForm } from './record-activity-form.tsx';
import { shortId } from './short-id.ts';

/** Where the list was (its filters and page), so that "back" returns to it. Set by the list's links. */
export interface FromList {
  listSearch: string;
}

/** `/admin/:tenant/members/:memberId`: one registrant (consented fields only), their activities, and recording one. */
export function MemberPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  const { memberId = '' } = useParams();
  const location = useLocation();
  const result = useRegistrant(admin.tenant, memberId);
  const member = result.data;
  const title = member
    ? (member.displayName ?? t('admin.member.untitled', { id: shortId(member.memberId) }))
    : t('admin.member.title');
  usePageTitle(title);
  const listSearch = (location.state as FromList | null)?.listSearch ?? '';

  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link to={`${admin.path('members')}${listSearch}`} className="inline-flex min-h-11 items-center">
          <span aria-hidden="true">←&nbsp;</span>
          {t('admin.member.back')}
        </Link>
      </p>
      <PageHeading>
        <span lang={member?.displayName ? 'ja' : undefined}>{title}</span>
      </PageHeading>
      {result.isPending && <p role="status">{t('admin.loading')}</p>}
      {result.isError && (
        <ErrorNotice title={t('admin.member.loadError')} error={result.error} onRetry={() => void result.refetch()} />
      )}
      {member && (
        <div className="flex flex-col gap-10">
          <MemberFacts member={member} />
          <ActivityList activities={member.activities} />
          {admin.can('activity.record') && <RecordActivityForm memberId={member.memberId} />}
        </div>
      )}
    </div>
  );
}

function MemberFacts({ member }: { member: RegistrantDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  const prefectureNames = usePrefectureNames();
  const hidden = <span className="text-solid-gray-700">{t('admin.members.private')}</span>;
  return (
    <Section title={t('admin.member.factsHeading')}>
      <p className="mb-3 text-dns-14N-130 text-solid-gray-800">{t('admin.member.consentNote')}</p>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <Fact term={t('admin.member.memberId')}>
          <span className="break-all tabular-nums">{member.memberId}</span>
        </Fact>
        <Fact term={t('admin.members.tier')}>{labels.tier(member.tier)}</Fact>
        <Fact term={t('admin.members.registeredAt')}>{formatInstantDate(member.registeredAt, language)}</Fact>
        {member.premiumExpiresAt && (
          <Fact term={t('admin.member.premiumExpiresAt')}>{formatInstantDate(member.premiumExpiresAt, language)}</Fact>
        )}
        <Fact term={t('admin.members.name')}>
          {member.displayName ? <span lang="ja">{member.displayName}</span> : hidden}
        </Fact>
        <Fact term={t('admin.members.email')}>{member.email ?? hidden}</Fact>
        <Fact term={t('admin.members.ageBandHeading')}>{member.ageBand ? labels.ageBand(member.ageBand) : hidden}</Fact>
        <Fact term={t('admin.members.residence')}>
          {member.residencePrefecture ? labels.prefecture(member.residencePrefecture, prefectureNames) : hidden}
        </Fact>
        <Fact term={t('admin.members.relationTypes')}>
          {member.relationTypes ? member.relationTypes.map(labels.relationType).join(t('app.listSeparator')) : hidden}
        </Fact>
        <Fact term={t('admin.member.news')}>
          {member.acceptsNews ? t('admin.member.newsYes') : t('admin.member.newsNo')}
        </Fact>
      </dl>
    </Section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-bold">{term}</dt>
      <dd className="mb-2 sm:mb-0">{children}</dd>
    </div>
  );
}

function ActivityList({ activities }: { activities: MemberActivity[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useLabels();
  return (
    <Section title={t('admin.member.activitiesHeading', { count: activities.length })}>
      {activities.length === 0 ? (
        <p>{t('admin.member.noActivities')}</p>
      ) : (
        <ul className="divide-y divide-solid-gray-200 border-y border-solid-gray-200">
          {activities.map((activity) => (
            <li key={activity.id} className="py-3">
              <p className="flex flex-wrap gap-x-3 font-bold">
                <span>{formatDate(activity.occurredOn, language)}</span>
                <span>{labels.activityKind(activity.kind)}</span>
              </p>
              <p className="text-dns-16N-130">
                {t(`admin.member.status.${activity.status}`)}
                {t('app.listSeparator')}
                {activity.source === 'proof' ? t('admin.member.sourceProof') : t('admin.member.sourcePlatform')}
              </p>
              {activity.note && <p className="text-dns-16N-130 text-solid-gray-800">{activity.note}</p>}
              {activity.reviewReason && (
                <p className="text-dns-16N-130 text-solid-gray-800">
                  {t('admin.member.reviewReason', { reason: activity.reviewReason })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
