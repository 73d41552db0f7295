import type { ReactNode } from 'react';

/** Each screen's h1; the shell moves focus here after navigation so screen readers announce it. */
export function ScreenTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id="screen-title" tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
