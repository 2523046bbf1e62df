import type { ReactNode } from 'react';

/** Something went as asked (signed out, verified…): announced politely, shown in green. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="flex gap-3 rounded-8 border-2 border-success-1 bg-green-50 p-4 text-solid-gray-900">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="mt-0.5 size-6 shrink-0 text-success-2"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
      >
        <circle cx="12" cy="12" r="9.5" strokeWidth="2" />
        <path d="m7.5 12.5 3 3 6-6.5" />
      </svg>
      <div>{children}</div>
    </div>
  );
}

/** A field's own error, under its label: referenced by the field's aria-describedby. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-2 flex items-start gap-1 text-dns-16B-130 text-error-1">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-px size-5 shrink-0" fill="currentColor">
        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v7h-2V7Zm0 9h2v2h-2v-2Z" />
      </svg>
      {children}
    </p>
  );
}

/** Something failed that is not a request error (ErrorNotice shows those): an alert with a heading. */
export function AlertNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" className="rounded-8 border-2 border-error-1 bg-red-50 p-4 md:p-6">
      <h2 className="text-std-18B-160 text-error-2">{title}</h2>
      <div className="mt-2 text-solid-gray-900">{children}</div>
    </div>
  );
}

/** Nothing went wrong, but something did not happen (a prompt was closed): said calmly, not as an alert. */
export function InfoNotice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="flex gap-3 rounded-8 border-2 border-blue-900 bg-blue-50 p-4 text-solid-gray-900">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 size-6 shrink-0 text-blue-900" fill="currentColor">
        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v2h-2V7Zm0 4h2v6h-2v-6Z" />
      </svg>
      <div>{children}</div>
    </div>
  );
}
