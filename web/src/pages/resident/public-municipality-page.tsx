import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Profile, useMeasures, useOpenOpportunities, useProfile, usePublicPosts } from '../../api/content.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { InfoNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { formatInstantDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';

/** `/m/:code`: what anyone can read about a municipality, and the way in to registering with it. */
export function PublicMunicipalityPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const profile = useProfile(code);
  const data = profile.data;
  let title: string = t('resident.public.titleFallback');
  if (data) title = data.fullName;
  else if (profile.isError) title = t('resident.public.errorTitle');
  usePageTitle(title);

  return (
    <div className="flex flex-col gap-8">
      <div>
        <PageHeading>{data ? <span lang="ja">{data.fullName}</span> : title}</PageHeading>
        {profile.isPending && <p role="status">{t('resident.loading')}</p>}
        {profile.isError && (
          <ErrorNotice
            title={t('resident.public.errorTitle')}
            error={profile.error}
            onRetry={() => void profile.refetch()}
          />
        )}
        {data && <JoinCall profile={data} />}
      </div>
      {data && <ProfileSections profile={data} />}
    </div>
  );
}

function JoinCall({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  if (!profile.participating) {
    return (
      <InfoNotice>
        <p>{t('resident.public.notParticipating')}</p>
        <p className="mt-2">
          <Link to="/municipalities">{t('resident.public.searchOthers')}</Link>
        </p>
      </InfoNotice>
    );
  }
  return (
    <div className="flex flex-col items-start gap-2 rounded-16 bg-blue-50 p-5">
      <Link to={`/join/${profile.municipalityCode}`} className="button-primary max-w-full text-std-18B-160">
        {t('resident.public.join')}
        <span aria-hidden="true">→</span>
      </Link>
      <p>{t('resident.public.joinLead')}</p>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function ProfileSections({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const code = profile.municipalityCode;
  const posts = usePublicPosts(code, true);
  const opportunities = useOpenOpportunities(code, profile.participating);
  const measures = useMeasures(code, profile.participating);
  const links = (['website', 'furusatoNozei', 'fanClub'] as const).filter((key) => profile.links[key]);
  const { contact } = profile;

  return (
    <>
      <Section id="m-intro" title={t('resident.public.introHeading')}>
        {profile.introductionHtml ? (
          // Rendered and sanitised by the server (content/markdown.ts); the only HTML this page trusts.
          <div
            className="prose max-w-prose [&_a]:underline [&_p]:mb-3"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the API
            dangerouslySetInnerHTML={{ __html: profile.introductionHtml }}
          />
        ) : (
          <p>{t('resident.public.noIntro')}</p>
        )}
      </Section>

      {profile.photos.length > 0 && (
        <Section id="m-photos" title={t('resident.public.photosHeading')}>
          <ul className="grid grid-cols-2 gap-3 md:grid-cols-3">
            {profile.photos.map((photo) => (
              <li key={photo.id}>
                <img
                  src={photo.thumbnailUrl}
                  alt={photo.alt}
                  loading="lazy"
                  className="aspect-4/3 w-full rounded-8 object-cover"
                />
              </li>
            ))}
          </ul>
        </Section>
      )}

      {profile.welcomedRelationTypes.length > 0 && (
        <Section id="m-welcomed" title={t('resident.public.welcomedHeading')}>
          <ul className="flex flex-col gap-1">
            {profile.welcomedRelationTypes.map((type) => (
              <li key={type}>{t(`resident.relation.${String(type) as '1'}`)}</li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="m-news" title={t('resident.public.newsHeading')}>
        {posts.isPending && <p>{t('resident.loading')}</p>}
        {posts.isError && <ErrorNotice headingLevel={3} title={t('resident.home.feedError')} error={posts.error} />}
        {posts.data &&
          (posts.data.items.length === 0 ? (
            <p>{t('resident.public.noNews')}</p>
          ) : (
            <ul className="flex flex-col gap-4">
              {posts.data.items.map((post) => (
                <li key={post.id} className="border-b border-solid-gray-200 pb-3">
                  <h3 className="text-std-18B-160 text-solid-gray-900">
                    {post.pinned && (
                      <span className="mr-2 rounded-4 bg-blue-900 px-2 text-dns-14B-120 text-white">
                        {t('resident.public.pinned')}
                      </span>
                    )}
                    {post.title}
                  </h3>
                  <p className="text-dns-14N-130 text-solid-gray-700">
                    {formatInstantDate(post.publishedAt, language)}
                  </p>
                  <p>{post.excerpt}</p>
                </li>
              ))}
            </ul>
          ))}
      </Section>

      {profile.participating && (
        <Section id="m-opportunities" title={t('resident.public.opportunitiesHeading')}>
          {opportunities.isPending && <p>{t('resident.loading')}</p>}
          {opportunities.data &&
            (opportunities.data.items.length === 0 ? (
              <p>{t('resident.public.noOpportunities')}</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {opportunities.data.items.map((item) => (
                  <li key={item.id} className="rounded-8 border border-solid-gray-200 p-4">
                    <h3 className="text-std-18B-160 text-solid-gray-900">{item.title}</h3>
                    <p>
                      {item.place}
                      {item.online && ` · ${t('resident.public.online')}`}
                      {` · ${t('resident.public.seatsLeft', { count: item.seatsLeft })}`}
                    </p>
                  </li>
                ))}
              </ul>
            ))}
        </Section>
      )}

      {profile.participating && (
        <Section id="m-measures" title={t('resident.public.measuresHeading')}>
          {measures.isPending && <p>{t('resident.loading')}</p>}
          {measures.data &&
            (measures.data.items.length === 0 ? (
              <p>{t('resident.public.noMeasures')}</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {measures.data.items.map((measure) => (
                  <li key={measure.id} className="rounded-8 border border-solid-gray-200 p-4">
                    <h3 className="text-std-18B-160 text-solid-gray-900">{measure.title}</h3>
                    {measure.minTier === 'premium' && (
                      <p className="text-dns-16B-130 text-solid-gray-900">{t('resident.public.premiumOnly')}</p>
                    )}
                    <p>{measure.summary}</p>
                  </li>
                ))}
              </ul>
            ))}
        </Section>
      )}

      {links.length > 0 && (
        <Section id="m-links" title={t('resident.public.linksHeading')}>
          <ul className="flex flex-col gap-2">
            {links.map((key) => (
              <li key={key}>
                <a href={profile.links[key] ?? ''} target="_blank" rel="noopener noreferrer">
                  {t(`resident.public.${key}`)}
                  <span className="sr-only">{t('resident.public.newTab')}</span>
                </a>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {(contact.department || contact.phone || contact.email) && (
        <Section id="m-contact" title={t('resident.public.contactHeading')}>
          <p>{contact.department}</p>
          {contact.phone && <p className="tabular-nums">{contact.phone}</p>}
          {contact.email && <p className="wrap-anywhere">{contact.email}</p>}
        </Section>
      )}

      <p>
        <Link to={`/municipalities/${profile.municipalityCode}`}>{t('resident.public.details')}</Link>
      </p>
    </>
  );
}
