import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled text input or textarea with an optional hint; the label is what tests and screen readers find. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  required = false,
  multiline = false,
  rows = 4,
  type = 'text',
  maxLength,
  className = '',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url' | 'email' | 'tel' | 'number' | 'datetime-local';
  maxLength?: number;
  className?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const common = {
    id,
    value,
    required,
    maxLength,
    'aria-describedby': hint ? hintId : undefined,
  };
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-std-16B-170 text-solid-gray-900">
        {label}
        {required && <span className="ml-2 text-dns-14N-130 text-error-1">{t('admin.required')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={rows} className="field mt-2" onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} className="field mt-2" onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}
