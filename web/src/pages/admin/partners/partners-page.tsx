import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Partner,
  useCreatePartner,
  useInvitePartnerPerson,
  usePartnerPeople,
  usePartners,
} from '../../../api/admin-measures.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { SuccessNotice } from '../../../components/notice.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { usePageTitle } from '../../../components/page-title.ts';
import { formatInstantDate } from '../../../format.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { Section } from '../../account/section.tsx';
import { useConsole } from '../console-context.ts';
import { TextField } from '../opportunities/fields.tsx';

type PartnerPerson = { personId: string; email: string | null; partnerId: string | null; since: string };

/** `/admin/:tenant/partners`: partner businesses (協力店), the people invited to act for each, and new ones. */
export function PartnersPage() {
  const { t } = useTranslation();
  const admin = useConsole();
  usePageTitle(t('adminPartners.title'));
  const partners = usePartners(admin.tenant);
  const people = usePartnerPeople(admin.tenant, admin.can('staff.read'));
  return (
    <div className="flex max-w-4xl flex-col gap-10">
      <div>
        <PageHeading>{t('adminPartners.title')}</PageHeading>
        <p className="max-w-3xl">{t('adminPartners.lead')}</p>
      </div>
      {admin.can('partner.manage') && <NewPartner />}
      <Section title={t('adminPartners.listTitle')}>
        {partners.isPending && <p role="status">{t('admin.loading')}</p>}
        {partners.isError && (
          <ErrorNotice
            title={t('adminPartners.loadError')}
            error={partners.error}
            onRetry={() => void partners.refetch()}
            headingLevel={3}
          />
        )}
        {partners.data && partners.data.items.length === 0 && <p>{t('adminPartners.empty')}</p>}
        {partners.data && partners.data.items.length > 0 && (
          <ul className="flex flex-col gap-4">
            {partners.data.items.map((partner) => (
              <PartnerItem
                key={partner.id}
                partner={partner}
                people={people.data?.filter((p) => p.partnerId === partner.id)}
              />
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function NewPartner() {
  const { t } = useTranslation();
  const admin = useConsole();
  const create = useCreatePartner(admin.tenant);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setCreated(null);
    create.mutate(name.trim(), {
      onSuccess: (partner) => {
        setCreated(partner.name);
        setName('');
      },
    });
  };
  return (
    <Section title={t('adminPartners.newTitle')}>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField label={t('adminPartners.name')} value={name} required maxLength={100} onChange={setName} />
        {created && <SuccessNotice>{t('adminPartners.created', { name: created })}</SuccessNotice>}
        {create.isError && <ErrorNotice title={t('adminPartners.createError')} error={create.error} headingLevel={3} />}
        <div>
          <button type="submit" className="button-primary" aria-disabled={create.isPending}>
            {t('adminPartners.create')}
          </button>
        </div>
      </form>
    </Section>
  );
}

function PartnerItem({ partner, people }: { partner: Partner; people: PartnerPerson[] | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const admin = useConsole();
  const invite = useInvitePartnerPerson(admin.tenant);
  const [email, setEmail] = useState('');
  const [invited, setInvited] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invite.isPending) return;
    setInvited(null);
    invite.mutate(
      { partnerId: partner.id, email: email.trim() },
      {
        onSuccess: (result) => {
          setInvited(result.email);
          setEmail('');
        },
      },
    );
  };
  return (
    <li className="rounded-8 border border-solid-gray-420 p-4">
      <h3 className="text-std-18B-160">{partner.name}</h3>
      <p className="mb-2 text-dns-16N-130 text-solid-gray-700">
        {t('adminPartners.since', { date: formatInstantDate(partner.createdAt, language) })}
      </p>
      {people !== undefined &&
        (people.length === 0 ? (
          <p className="mb-3 font-bold">{t('adminPartners.noPeople')}</p>
        ) : (
          <>
            <p className="font-bold">{t('adminPartners.people')}</p>
            <ul className="mb-3 list-disc pl-6">
              {people.map((person) => (
                <li key={person.personId}>
                  {t('adminPartners.person', {
                    email: person.email ?? person.personId,
                    date: formatInstantDate(person.since, language),
                  })}
                </li>
              ))}
            </ul>
          </>
        ))}
      {admin.can('partner.manage') && (
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
          <TextField
            label={t('adminPartners.inviteEmail', { name: partner.name })}
            hint={t('adminPartners.inviteHint')}
            type="email"
            value={email}
            required
            onChange={setEmail}
          />
          {invited && <SuccessNotice>{t('adminPartners.invited', { email: invited })}</SuccessNotice>}
          {invite.isError && (
            <ErrorNotice title={t('adminPartners.inviteError')} error={invite.error} headingLevel={3} />
          )}
          <div>
            <button type="submit" className="button-secondary" aria-disabled={invite.isPending}>
              {t('adminPartners.invite')}
              <span className="sr-only">{t('adminPartners.of', { name: partner.name })}</span>
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
