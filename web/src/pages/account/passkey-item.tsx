import { useTranslation } from 'react-i18next';
import type { Passkey } from '../../api/passkeys.ts';
import { formatInstantDate } from '../../format.ts';

/** One passkey in the list: its name, dates and storage, and its remove button. */
export function PasskeyItem({
  passkey,
  language,
  removeRef,
  onRemove,
}: {
  passkey: Passkey;
  language: string;
  removeRef: (button: HTMLButtonElement | null) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-3 border-b border-solid-gray-200 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <p className="mb-1 font-bold text-solid-gray-900 wrap-anywhere">{passkey.name}</p>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-dns-16N-130">
          <dt className="text-solid-gray-700">{t('passkeys.created')}</dt>
          <dd>{formatInstantDate(passkey.createdAt, language)}</dd>
          <dt className="text-solid-gray-700">{t('passkeys.lastUsed')}</dt>
          <dd>{passkey.lastUsedAt ? formatInstantDate(passkey.lastUsedAt, language) : t('passkeys.neverUsed')}</dd>
          <dt className="text-solid-gray-700">{t('passkeys.storage')}</dt>
          <dd>{passkey.backedUp ? t('passkeys.synced') : t('passkeys.thisDeviceOnly')}</dd>
        </dl>
      </div>
      <button
        ref={removeRef}
        type="button"
        className="button-secondary shrink-0 self-start"
        aria-haspopup="dialog"
        // Which passkey, for a list of buttons read out of context; it starts with the visible label.
        aria-label={t('passkeys.removeLabel', { name: passkey.name })}
        onClick={onRemove}
      >
        {t('passkeys.remove')}
      </button>
    </li>
  );
}
