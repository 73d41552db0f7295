// Today as the business knows it, from main (the date in the server's business time zone on the
// app's clock), never from this window's own clock: a laptop in Tokyo or Honolulu must default
// forms to, and label historical views against, the same day New York is on. Asked once before the
// screens show and again every minute, so a screen left open across midnight there moves with it.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { BusinessDateView } from '../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from './api.js';

const REFRESH_MS = 60_000;

const BusinessDateContext = createContext<BusinessDateView | null>(null);

export function BusinessDateProvider({ children }: { children: ReactNode }) {
  const [view, setView] = useState<BusinessDateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const ask = () =>
      call(desktopApi().businessDate()).then(
        (next) => {
          if (!active) return;
          setError(null);
          // The same object while nothing changed, so the screens do not re-render every minute.
          setView((current) => (current !== null && current.date === next.date && current.timeZone === next.timeZone ? current : next));
        },
        (failure: unknown) => active && setError(errorMessage(failure)),
      );
    void ask();
    const timer = window.setInterval(() => void ask(), REFRESH_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, []);
  if (view === null) {
    return (
      <main className="welcome">
        <p role={error === null ? 'status' : 'alert'}>{error === null ? 'Starting…' : `Today's business date is unavailable: ${error}`}</p>
      </main>
    );
  }
  return <BusinessDateContext.Provider value={view}>{children}</BusinessDateContext.Provider>;
}

/** The business date, 'YYYY-MM-DD'. Only inside BusinessDateProvider (every screen is). */
export function useBusinessToday(): string {
  const view = useContext(BusinessDateContext);
  if (view === null) throw new Error('useBusinessToday outside BusinessDateProvider');
  return view.date;
}
