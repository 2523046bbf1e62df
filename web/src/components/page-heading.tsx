import type { ReactNode, Ref } from 'react';

/** The page's one <h1>; focusable from script so that navigation can move focus to it. */
export function PageHeading({ children, ref }: { children: ReactNode; ref?: Ref<HTMLHeadingElement> }) {
  return (
    <h1
      ref={ref}
      tabIndex={-1}
      className="mb-4 text-std-28B-150 text-solid-gray-900 focus:outline-none md:text-std-32B-150"
    >
      {children}
    </h1>
  );
}
