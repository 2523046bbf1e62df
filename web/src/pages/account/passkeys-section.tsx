import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addPasskey, type Passkey, passkeysKey, removePasskey, usePasskeys } from '../../api/passkeys.ts';
import type { Person } from '../../api/session.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { SuccessNotice } from '../../components/notice.tsx';
import { PasskeyFailure, useNewPasskeyName } from '../../components/passkey-failure.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { PasskeyItem } from './passkey-item.tsx';
import { Section } from './section.tsx';

type PasskeyNotice =
  | { kind: 'added' }
  | { kind: 'removed'; name: string }
  | { kind: 'addFailed'; error: unknown }
  | { kind: 'removeFailed'; error: unknown };

/** The passkeys of this account: the list, adding one, removing one after a confirmation. */
export function PasskeySection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const passkeys = usePasskeys();
  const newPasskeyName = useNewPasskeyName();
  const heading = useRef<HTMLHeadingElement>(null);
  // Where focus goes when the confirmation closes: the remove button, or the heading once that button is gone.
  const focusAfterDialog = useRef<HTMLElement | null>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const [busy, setBusy] = useState<'add' | 'remove' | null>(null);
  const [confirming, setConfirming] = useState<Passkey | null>(null);
  const [notice, setNotice] = useState<{ notice: PasskeyNotice; attempt: number } | null>(null);
  const items = passkeys.data ?? [];

  const say = (next: PasskeyNotice | null) =>
    setNotice((previous) => (next ? { notice: next, attempt: (previous?.attempt ?? 0) + 1 } : null));
  const refresh = () => queryClient.invalidateQueries({ queryKey: passkeysKey });

  const onAdd = async () => {
    if (busy) return;
    setBusy('add');
    say(null);
    try {
      await addPasskey(newPasskeyName());
      await refresh();
      say({ kind: 'added' });
    } catch (error) {
      say({ kind: 'addFailed', error });
    } finally {
      setBusy(null);
    }
  };

  const onRemove = async (passkey: Passkey) => {
    if (busy) return;
    setBusy('remove');
    say(null);
    try {
      await removePasskey(passkey.id);
      await refresh();
      focusAfterDialog.current = heading.current;
      say({ kind: 'removed', name: passkey.name });
    } catch (error) {
      say({ kind: 'removeFailed', error });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  const shown = notice?.notice;
  return (
    <Section title={t('passkeys.heading')} headingRef={heading}>
      <p className="mb-4 max-w-prose">{t('passkeys.lead')}</p>
      {shown && (
        <div className="mb-4">
          {shown.kind === 'added' ? (
            <SuccessNotice key={notice.attempt}>{t('passkeys.added')}</SuccessNotice>
          ) : shown.kind === 'removed' ? (
            <SuccessNotice key={notice.attempt}>{t('passkeys.removed', { name: shown.name })}</SuccessNotice>
          ) : shown.kind === 'addFailed' ? (
            <PasskeyFailure
              key={notice.attempt}
              error={shown.error}
              title={t('passkeys.addError')}
              cancelled={t('passkeys.addCancelled')}
              headingLevel={3}
            />
          ) : (
            <ErrorNotice key={notice.attempt} title={t('passkeys.removeError')} error={shown.error} headingLevel={3} />
          )}
        </div>
      )}
      {passkeys.isPending ? (
        <p role="status">{t('passkeys.loading')}</p>
      ) : passkeys.isError ? (
        <ErrorNotice
          title={t('passkeys.loadError')}
          error={passkeys.error}
          headingLevel={3}
          onRetry={() => void passkeys.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="mb-4 font-bold text-solid-gray-900">{t('passkeys.empty')}</p>
      ) : (
        <ul className="mb-4 border-t border-solid-gray-200">
          {items.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              language={language}
              removeRef={(button) => {
                if (button) removeButtons.current.set(passkey.id, button);
                else removeButtons.current.delete(passkey.id);
              }}
              onRemove={() => {
                if (busy) return;
                focusAfterDialog.current = removeButtons.current.get(passkey.id) ?? null;
                setConfirming(passkey);
              }}
            />
          ))}
        </ul>
      )}
      {!person.email && items.length === 1 && (
        <p className="mb-4 max-w-prose">{items[0]?.backedUp ? t('passkeys.onlyWaySynced') : t('passkeys.onlyWay')}</p>
      )}
      <button
        type="button"
        className={items.length === 0 && passkeys.isSuccess ? 'button-primary' : 'button-secondary'}
        aria-disabled={busy !== null}
        onClick={onAdd}
      >
        {busy === 'add' ? t('passkeys.adding') : t('passkeys.add')}
      </button>
      <ConfirmDialog
        open={confirming !== null}
        title={t('passkeys.confirmTitle', { name: confirming?.name ?? '' })}
        confirmLabel={t('passkeys.confirm')}
        busyLabel={t('passkeys.removing')}
        cancelLabel={t('account.cancel')}
        busy={busy === 'remove'}
        onConfirm={() => {
          if (confirming) void onRemove(confirming);
        }}
        onClose={() => setConfirming(null)}
        returnFocus={focusAfterDialog}
      >
        <p>{t('passkeys.confirmText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
