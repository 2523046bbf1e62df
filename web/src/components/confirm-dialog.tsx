import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

/**
 * A modal confirmation on the native <dialog> (showModal): the rest of the page is inert, Escape cancels.
 * Focus starts on the safe choice (cancel) and goes back to `returnFocus` when the dialog closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  cancelLabel,
  busy,
  onConfirm,
  onClose,
  returnFocus,
  tone = 'danger',
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  returnFocus: RefObject<HTMLElement | null>;
  /** Red for what cannot be undone (removing, signing out everywhere); blue for an ordinary "save". */
  tone?: 'danger' | 'primary';
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), text: useId() };

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={ids.title}
      aria-describedby={ids.text}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-16 bg-white p-6 text-solid-gray-800 shadow-4 backdrop:bg-opacity-gray-600 md:p-8"
      onCancel={(event) => {
        // Escape while the request runs would leave it running unseen.
        if (busy) event.preventDefault();
      }}
      onClose={() => {
        onClose();
        returnFocus.current?.focus();
      }}
    >
      <h2 id={ids.title} className="mb-3 text-std-22B-150 text-solid-gray-900">
        {title}
      </h2>
      <div id={ids.text} className="mb-6">
        {children}
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <button
          ref={cancel}
          type="button"
          className="button-secondary"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) dialog.current?.close();
          }}
        >
          {cancelLabel}
        </button>
        <button
          type="button"
          className={
            tone === 'danger' ? 'button-primary bg-error-1 hover:bg-red-1000 active:bg-red-1100' : 'button-primary'
          }
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
