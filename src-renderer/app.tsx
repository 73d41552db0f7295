import { useEffect, useState } from 'react';
import { describeHostStatus, loadHostStatus, type HostStatus } from './host-status.js';

export function App() {
  const [status, setStatus] = useState<HostStatus | null>(null);

  useEffect(() => {
    let active = true;
    void loadHostStatus(window.ratedesk).then((next) => {
      if (active) setStatus(next);
    });
    return () => {
      active = false;
    };
  }, []);

  return (
    <div className="shell">
      <header className="masthead">
        <span className="brand-mark" aria-hidden="true">
          R
        </span>
        <span className="brand-name">RateDesk</span>
      </header>

      <main className="welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">Welcome to RateDesk</h1>
        <p className="lede">Fixed annuities and CDs, compared side by side, on your laptop and offline.</p>
        <p>The product catalog and comparisons arrive with the next release.</p>
      </main>

      <footer className="status-bar">
        <span data-testid="host-status" className={status?.kind === 'unavailable' ? 'status status-warning' : 'status'}>
          {describeHostStatus(status)}
        </span>
      </footer>
    </div>
  );
}
