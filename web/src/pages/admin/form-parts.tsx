import { type ReactNode, useId } from 'react';

/** A checkbox whose whole label is the target (at least 44 px high), the box itself 24 px. */
export function Checkbox({
  label,
  checked,
  onChange,
  describedBy,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  describedBy?: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 py-1">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy}
        className="size-6 shrink-0 accent-blue-900"
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

/** A radio button of a group, with the same target size as Checkbox. */
export function Radio({
  name,
  label,
  checked,
  onChange,
  hint,
}: {
  name: string;
  label: ReactNode;
  checked: boolean;
  onChange: () => void;
  hint?: ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="py-1">
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          id={id}
          type="radio"
          name={name}
          checked={checked}
          aria-describedby={hint ? hintId : undefined}
          className="size-6 shrink-0 accent-blue-900"
          onChange={onChange}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} className="ml-9 text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
    </div>
  );
}
