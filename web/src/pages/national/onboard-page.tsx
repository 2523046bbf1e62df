import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnboard } from '../../api/national.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { SuccessNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';

const FIELDS = ['code', 'joinedAt', 'name', 'department', 'email', 'phone', 'firstAdminEmail'] as const;
type Field = (typeof FIELDS)[number];
const TYPES: Record<Field, string> = {
  code: 'text',
  joinedAt: 'date',
  name: 'text',
  department: 'text',
  email: 'email',
  phone: 'tel',
  firstAdminEmail: 'email',
};

/** `/national/participants/new`: participation date, one contact, and the first administrator (invited by e-mail). */
export function OnboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('national.onboard.title'));
  const onboard = useOnboard();
  const baseId = useId();
  const [form, setForm] = useState<Record<Field, string>>({
    code: '',
    joinedAt: '',
    name: '',
    department: '',
    email: '',
    phone: '',
    firstAdminEmail: '',
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onboard.mutate({
      code: form.code.trim(),
      joinedAt: form.joinedAt,
      contacts: [
        {
          name: form.name,
          department: form.department,
          email: form.email,
          ...(form.phone ? { phone: form.phone } : {}),
        },
      ],
      firstAdminEmail: form.firstAdminEmail,
    });
  };

  return (
    <div className="max-w-2xl">
      <PageHeading>{t('national.onboard.title')}</PageHeading>
      <p className="mb-6">{t('national.onboard.lead')}</p>
      {onboard.isSuccess && (
        <SuccessNotice>
          {t('national.onboard.done', {
            name: onboard.data.fullName,
            status: t(`fee.${onboard.data.feeStatus as 'exempt'}`),
          })}
        </SuccessNotice>
      )}
      {onboard.isError && <ErrorNotice title={t('national.onboard.failed')} error={onboard.error} />}
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {FIELDS.map((field) => (
          <div key={field}>
            <label htmlFor={`${baseId}-${field}`} className="block text-std-16B-170">
              {t(`national.onboard.fields.${field}`)}
            </label>
            <input
              id={`${baseId}-${field}`}
              type={TYPES[field]}
              required={field !== 'phone'}
              className="field mt-2"
              value={form[field]}
              onChange={(event) => setForm({ ...form, [field]: event.target.value })}
            />
          </div>
        ))}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="button-primary" disabled={onboard.isPending}>
            {t('national.onboard.submit')}
          </button>
          <Link to="/national/participants" className="inline-flex min-h-11 items-center">
            {t('national.onboard.back')}
          </Link>
        </div>
      </form>
    </div>
  );
}
