import type { ReactNode } from 'react';
import { routeHref, type Route } from '../navigation.js';

/** Each screen's h1; the shell moves focus here after navigation so screen readers announce it. */
export function ScreenTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id="screen-title" tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}

/**
 * A screen: its region, named by its title, with an optional way back above the title. The same
 * heading element stays while the screen loads, so the focus the shell puts on it survives.
 */
export function Screen(props: { title: ReactNode; back?: { to: Route; label: string }; testId?: string; children?: ReactNode }) {
  const { title, back, testId, children } = props;
  return (
    <section aria-labelledby="screen-title" data-testid={testId}>
      {back === undefined ? null : (
        <p className="breadcrumb">
          <a href={routeHref(back.to)}>← {back.label}</a>
        </p>
      )}
      <ScreenTitle>{title}</ScreenTitle>
      {children}
    </section>
  );
}
