import type { ReactNode } from 'react';

/** The page's one <h1>; focusable from script so that navigation can move focus to it. */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 tabIndex={-1} className="mb-4 text-std-28B-150 text-solid-gray-900 focus:outline-none md:text-std-32B-150">
      {children}
    </h1>
  );
}
