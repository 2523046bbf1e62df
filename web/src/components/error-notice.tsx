import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client.ts';
import { PasskeyCeremonyError } from '../api/passkeys.ts';

/** What to tell the user about a failed request: the API's own message when it gave one. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError && error.message) return error.message;
    if (error instanceof NetworkError) return t('errors.network');
    if (error instanceof PasskeyCeremonyError) return t(`passkey.${error.problem}`);
    return t('errors.unexpected');
  };
}

export function ErrorNotice({
  title,
  error,
  onRetry,
  headingLevel = 2,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 md:p-6">
      <Heading className="text-std-18B-160 text-error-2">{title}</Heading>
      <p className="mt-2 text-solid-gray-900">{message}</p>
      {onRetry && (
        <button type="button" className="button-secondary mt-4" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
