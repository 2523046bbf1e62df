import { useTranslation } from 'react-i18next';
import { describeThisDevice, PasskeyCeremonyError } from '../api/passkeys.ts';
import { ErrorNotice } from './error-notice.tsx';
import { InfoNotice } from './notice.tsx';

/**
 * How a passkey attempt ended without success. A closed prompt is the person's own choice (or no passkey
 * on this device): said calmly, with what to do next. Anything else is an error with a title.
 */
export function PasskeyFailure({
  error,
  title,
  cancelled,
  headingLevel,
}: {
  error: unknown;
  title: string;
  cancelled: string;
  headingLevel?: 2 | 3;
}) {
  if (error instanceof PasskeyCeremonyError && error.problem === 'cancelled') {
    return <InfoNotice>{cancelled}</InfoNotice>;
  }
  return <ErrorNotice title={title} error={error} headingLevel={headingLevel} />;
}

/** The name a new passkey gets: the browser and system it is made on, in the UI language. */
export function useNewPasskeyName(): () => string {
  const { t } = useTranslation();
  return () => {
    const { browser, system } = describeThisDevice();
    if (browser && system) return t('passkey.deviceName', { browser, system });
    return browser || system || t('passkey.unnamed');
  };
}
