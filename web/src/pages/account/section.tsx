import { type ReactNode, type Ref, useId } from 'react';

/** A section of the account page: an `<h2>` and what it is about. */
export function Section({
  title,
  children,
  headingRef,
}: {
  title: string;
  children: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2
        id={id}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        className="mb-4 text-std-20B-150 text-solid-gray-900 focus:outline-none md:text-std-24B-150"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}
