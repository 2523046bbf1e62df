import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Profile, useProfile, useSaveProfile, useUploadImage } from '../../../api/admin-content.ts';
import { RELATION_TYPES } from '../../../api/admin-premium.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { Section } from '../../account/section.tsx';
import { useConsole } from '../console-context.ts';
import { Checkbox } from '../form-parts.tsx';
import { useLabels } from '../labels.ts';
import { TextField } from '../opportunities/fields.tsx';

/** Restated from the server (src/modules/content/rules.ts): the form stops before the API would refuse. */
const PHOTOS_MAX = 6;
const INTRODUCTION_MAX = 4000;

interface Photo {
  imageId: string;
  alt: string;
  thumbnailUrl: string;
}

interface Draft {
  introduction: string;
  photos: Photo[];
  website: string;
  furusatoNozei: string;
  fanClub: string;
  department: string;
  phone: string;
  email: string;
  welcomedRelationTypes: number[];
}

function draftOf(profile: Profile): Draft {
  return {
    introduction: profile.introduction,
    photos: profile.photos.map((p) => ({ imageId: p.id, alt: p.alt, thumbnailUrl: p.thumbnailUrl })),
    website: profile.links.website ?? '',
    furusatoNozei: profile.links.furusatoNozei ?? '',
    fanClub: profile.links.fanClub ?? '',
    department: profile.contact.department ?? '',
    phone: profile.contact.phone ?? '',
    email: profile.contact.email ?? '',
    welcomedRelationTypes: profile.welcomedRelationTypes,
  };
}

/** `/admin/:tenant/profile`: what residents read about the municipality before registering. */
export function ProfilePage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminContent.profile.title'));
  const profile = useProfile(admin.tenant);
  return (
    <div className="max-w-3xl">
      <PageHeading>{t('adminContent.profile.title')}</PageHeading>
      <p className="mb-4">{t('adminContent.profile.lead')}</p>
      <p className="mb-6 flex flex-wrap gap-x-6">
        <Link to={admin.path('poster')} className="inline-flex min-h-11 items-center">
          {t('adminContent.profile.posterLink')}
        </Link>
        {admin.municipality && (
          <Link to={`/municipalities/${admin.tenant}`} className="inline-flex min-h-11 items-center">
            {t('adminContent.profile.publicLink')}
          </Link>
        )}
      </p>
      {profile.isPending && <p role="status">{t('admin.loading')}</p>}
      {profile.isError && (
        <ErrorNotice
          title={t('adminContent.profile.loadError')}
          error={profile.error}
          onRetry={() => void profile.refetch()}
        />
      )}
      {/* Not keyed by the saved version: saving must not reset the form (and its "saved" notice). */}
      {profile.data && <ProfileForm initial={draftOf(profile.data)} />}
    </div>
  );
}

function ProfileForm({ initial }: { initial: Draft }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const admin = useConsole();
  const save = useSaveProfile(admin.tenant);
  const upload = useUploadImage(admin.tenant);
  const canEdit = admin.can('content.manage');
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState(false);
  const [newAlt, setNewAlt] = useState('');
  const fileField = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const set = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const move = (index: number, by: -1 | 1) => {
    const photos = [...draft.photos];
    const [photo] = photos.splice(index, 1);
    if (photo) photos.splice(index + by, 0, photo);
    set({ photos });
  };

  const addPhoto = () => {
    const file = fileField.current?.files?.[0];
    if (!file || upload.isPending || draft.photos.length >= PHOTOS_MAX) return;
    upload.mutate(file, {
      onSuccess: (image) => {
        set({ photos: [...draft.photos, { imageId: image.id, alt: newAlt.trim(), thumbnailUrl: image.thumbnailUrl }] });
        setNewAlt('');
        if (fileField.current) fileField.current.value = '';
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending || !canEdit) return;
    save.mutate(
      {
        introduction: draft.introduction,
        photos: draft.photos.map(({ imageId, alt }) => ({ imageId, alt })),
        links: { website: draft.website, furusatoNozei: draft.furusatoNozei, fanClub: draft.fanClub },
        contact: { department: draft.department, phone: draft.phone, email: draft.email },
        welcomedRelationTypes: draft.welcomedRelationTypes,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-10">
      <Section title={t('adminContent.profile.introHeading')}>
        <TextField
          label={t('adminContent.profile.introduction')}
          hint={t('adminContent.profile.introductionHint', { max: INTRODUCTION_MAX })}
          value={draft.introduction}
          multiline
          rows={8}
          maxLength={INTRODUCTION_MAX}
          onChange={(v) => set({ introduction: v })}
        />
      </Section>
      <Section title={t('adminContent.profile.photosHeading')}>
        <p className="mb-4">{t('adminContent.profile.photosLead', { max: PHOTOS_MAX })}</p>
        {draft.photos.length > 0 && (
          <ol className="mb-6 flex flex-col gap-4">
            {draft.photos.map((photo, index) => (
              <li
                key={photo.imageId}
                className="flex flex-wrap items-start gap-4 rounded-8 border border-solid-gray-420 p-4"
              >
                <img src={photo.thumbnailUrl} alt="" className="h-24 w-32 rounded-4 object-cover" />
                <div className="flex grow flex-col gap-2">
                  <TextField
                    label={t('adminContent.profile.photoAlt', { n: index + 1 })}
                    value={photo.alt}
                    maxLength={200}
                    onChange={(v) => set({ photos: draft.photos.map((p, i) => (i === index ? { ...p, alt: v } : p)) })}
                  />
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-disabled={index === 0}
                      onClick={() => index > 0 && move(index, -1)}
                    >
                      {t('adminContent.profile.photoUp', { n: index + 1 })}
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-disabled={index === draft.photos.length - 1}
                      onClick={() => index < draft.photos.length - 1 && move(index, 1)}
                    >
                      {t('adminContent.profile.photoDown', { n: index + 1 })}
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => set({ photos: draft.photos.filter((_, i) => i !== index) })}
                    >
                      {t('adminContent.profile.photoRemove', { n: index + 1 })}
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
        {canEdit && draft.photos.length < PHOTOS_MAX && (
          <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
            <legend className="px-1 text-std-16B-170">{t('adminContent.profile.addPhoto')}</legend>
            <div>
              <label htmlFor={fileId} className="block text-std-16B-170">
                {t('adminContent.form.imageFile')}
              </label>
              <input
                id={fileId}
                ref={fileField}
                type="file"
                accept="image/jpeg,image/png,image/webp"
                className="mt-2 block min-h-11"
              />
            </div>
            <TextField
              label={t('adminContent.form.imageAlt')}
              hint={t('adminContent.form.imageAltHint')}
              value={newAlt}
              maxLength={200}
              onChange={setNewAlt}
            />
            {upload.isError && (
              <ErrorNotice title={t('adminContent.form.uploadError')} error={upload.error} headingLevel={3} />
            )}
            <div>
              <button type="button" className="button-secondary" aria-disabled={upload.isPending} onClick={addPhoto}>
                {upload.isPending ? t('adminContent.form.uploading') : t('adminContent.profile.upload')}
              </button>
            </div>
          </fieldset>
        )}
      </Section>
      <Section title={t('adminContent.profile.linksHeading')}>
        <div className="flex flex-col gap-4">
          <TextField
            type="url"
            label={t('adminContent.profile.website')}
            value={draft.website}
            onChange={(v) => set({ website: v })}
          />
          <TextField
            type="url"
            label={t('adminContent.profile.furusatoNozei')}
            value={draft.furusatoNozei}
            onChange={(v) => set({ furusatoNozei: v })}
          />
          <TextField
            type="url"
            label={t('adminContent.profile.fanClub')}
            value={draft.fanClub}
            onChange={(v) => set({ fanClub: v })}
          />
        </div>
      </Section>
      <Section title={t('adminContent.profile.contactHeading')}>
        <div className="flex flex-col gap-4">
          <TextField
            label={t('adminContent.profile.department')}
            value={draft.department}
            maxLength={100}
            onChange={(v) => set({ department: v })}
          />
          <TextField
            type="tel"
            label={t('adminContent.profile.phone')}
            value={draft.phone}
            maxLength={20}
            onChange={(v) => set({ phone: v })}
          />
          <TextField
            type="email"
            label={t('adminContent.profile.email')}
            value={draft.email}
            onChange={(v) => set({ email: v })}
          />
        </div>
      </Section>
      <Section title={t('adminContent.profile.typesHeading')}>
        <fieldset>
          <legend className="mb-2">{t('adminContent.profile.typesLead')}</legend>
          {RELATION_TYPES.map((type) => (
            <Checkbox
              key={type}
              label={labels.relationType(type)}
              checked={draft.welcomedRelationTypes.includes(type)}
              onChange={(on) =>
                set({
                  welcomedRelationTypes: on
                    ? [...draft.welcomedRelationTypes, type].sort()
                    : draft.welcomedRelationTypes.filter((x) => x !== type),
                })
              }
            />
          ))}
        </fieldset>
      </Section>
      {saved && <SuccessNotice>{t('adminContent.profile.saved')}</SuccessNotice>}
      {save.isError && <ErrorNotice title={t('adminContent.form.saveError')} error={save.error} />}
      {canEdit && (
        <div>
          <button type="submit" className="button-primary" aria-disabled={save.isPending}>
            {save.isPending ? t('adminContent.form.saving') : t('adminContent.profile.save')}
          </button>
        </div>
      )}
    </form>
  );
}
