import { useEffect, useState, type ReactNode } from 'react';
import type { AdminAccessView, AuthState } from '../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from './api.js';
import { adminHome, showsAdminEntry } from './admin-access.js';
import { BusinessDateProvider } from './business-date.js';
import { ClientContextProvider } from './client-context.js';
import { ClientContextBar } from './components/client-context-bar.js';
import { authSummary, canSignOut, gateFor } from './auth-view.js';
import { SignOutControl } from './components/sign-out-control.js';
import { StatusBar } from './components/status-bar.js';
import { describeHostStatus, loadHostStatus, type HostStatus } from './host-status.js';
import { isAdminRoute, isComplianceRoute, parseRoute, routeHref, type Route } from './navigation.js';
import { AdminConsole } from './screens/admin/admin-console.js';
import { ComplianceRecordScreen } from './screens/compliance/compliance-record.js';
import { ComplianceSearchScreen } from './screens/compliance/compliance-search.js';
import { showsComplianceEntry } from './screens/compliance/compliance-view.js';
import { CatalogScreen } from './screens/catalog.js';
import { CompareScreen } from './screens/compare.js';
import { ProductScreen } from './screens/product.js';
import { SavedComparisonScreen } from './screens/saved-comparison.js';
import { SavedListScreen } from './screens/saved-list.js';
import { SignInScreen } from './screens/sign-in.js';
import { useAsync, type AsyncState } from './use-async.js';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  if (window.ratedesk === undefined) {
    return (
      <div className="shell">
        <Masthead />
        <main className="welcome" aria-labelledby="screen-title">
          <h1 id="screen-title">RateDesk cannot start here</h1>
          <p className="notice notice-error" role="alert">
            This page is not connected to the RateDesk desktop services. Open RateDesk from the desktop app or the development web host.
          </p>
        </main>
      </div>
    );
  }
  return <ConnectedApp />;
}

function Masthead({ children }: { children?: ReactNode }) {
  return (
    <header className="masthead">
      <span className="brand-mark" aria-hidden="true">
        R
      </span>
      <span className="brand-name">RateDesk</span>
      {children}
    </header>
  );
}

function ConnectedApp() {
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [authError, setAuthError] = useState<string | null>(null);
  const [lastSyncAt, setLastSyncAt] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [host, setHost] = useState<HostStatus | null>(null);

  useEffect(() => {
    const api = desktopApi();
    let active = true;
    call(api.authState()).then(
      (state) => active && setAuth(state),
      (error: unknown) => active && setAuthError(errorMessage(error)),
    );
    call(api.syncStatus()).then(
      (status) => active && setLastSyncAt(status.lastSuccessfulSyncAt),
      () => undefined,
    );
    void loadHostStatus(api).then((status) => active && setHost(status));
    const stopAuth = api.onAuthState(setAuth);
    const stopSync = api.onSyncStatus((status) => setLastSyncAt(status.lastSuccessfulSyncAt));
    return () => {
      active = false;
      stopAuth();
      stopSync();
    };
  }, []);

  const gate = gateFor(auth, offline, lastSyncAt !== null);
  const route = useRoute();
  // Asked again when the user, the connection or the screen changes: roles come from the server
  // (remembered by main for offline use), and "online" decides whether admin writes are enabled.
  const accessKey = JSON.stringify([
    auth?.status ?? null,
    auth?.status === 'signed-in' ? [auth.user.subject, auth.offline] : null,
    lastSyncAt,
    isAdminRoute(route) || isComplianceRoute(route) ? routeHref(route) : null,
  ]);
  const { state: access, reload: reloadAccess } = useAsync(() => call(desktopApi().adminAccess()), accessKey);

  return (
    <div className="shell">
      <Masthead>
        {gate === 'app' ? <MainNav access={access} /> : null}
        <span className="masthead-end">
          {auth === null ? null : <span className="muted" data-testid="auth-summary">{authSummary(auth)}</span>}
          {canSignOut(auth) ? (
            <SignOutControl sessionEnded={auth?.status === 'needs-sign-in'} onSignedOut={() => setOffline(false)} onError={setAuthError} />
          ) : null}
          {auth !== null && auth.status !== 'signed-in' && gate === 'app' ? (
            <button type="button" className="button-small" onClick={() => setOffline(false)} data-testid="masthead-sign-in">
              Sign in
            </button>
          ) : null}
          <span className="muted version" data-testid="host-status">{describeHostStatus(host)}</span>
        </span>
      </Masthead>
      {authError === null ? null : (
        <p className="notice notice-error banner" role="alert">
          {authError}
        </p>
      )}
      {gate === 'checking' || auth === null ? (
        <main className="welcome">
          <p role="status">{authError === null ? 'Starting…' : 'Sign-in status is unavailable.'}</p>
        </main>
      ) : gate === 'sign-in' ? (
        <SignInScreen auth={auth} lastSyncAt={lastSyncAt} onContinueOffline={() => setOffline(true)} />
      ) : (
        <BusinessDateProvider>
          {/* Keyed by the rep: main keeps one client context per rep and clears it on sign-out. */}
          <ClientContextProvider key={auth.status === 'signed-in' ? auth.user.subject : auth.status}>
            <ClientContextBar />
            <Screens lastSyncAt={lastSyncAt} access={access} onRetryAccess={reloadAccess} />
          </ClientContextProvider>
        </BusinessDateProvider>
      )}
      <StatusBar />
    </div>
  );
}

const navItems: ReadonlyArray<{ route: Route; label: string; matches: ReadonlyArray<Route['name']> }> = [
  { route: { name: 'catalog' }, label: 'Catalog', matches: ['catalog', 'product', 'compare'] },
  { route: { name: 'saved-list' }, label: 'Saved comparisons', matches: ['saved-list', 'saved'] },
];

/** One entry of the main navigation; the current section's is marked for sight and screen readers. */
function NavLink(props: { to: Route; current: boolean; testId?: string; children: string }) {
  return (
    <a
      href={routeHref(props.to)}
      aria-current={props.current ? 'page' : undefined}
      className={props.current ? 'nav-link nav-current' : 'nav-link'}
      data-testid={props.testId}
    >
      {props.children}
    </a>
  );
}

function MainNav({ access }: { access: AsyncState<AdminAccessView> }) {
  const route = useRoute();
  const value = access.status === 'ready' ? access.value : null;
  const home = adminHome(value);
  return (
    <nav aria-label="Main" className="main-nav">
      {navItems.map((item) => (
        <NavLink key={item.label} to={item.route} current={item.matches.includes(route.name)}>
          {item.label}
        </NavLink>
      ))}
      {showsComplianceEntry(value) ? (
        <NavLink to={{ name: 'compliance', query: '' }} current={isComplianceRoute(route)} testId="compliance-nav">
          Compliance
        </NavLink>
      ) : null}
      {showsAdminEntry(value) && home !== null ? (
        <NavLink to={home} current={isAdminRoute(route)} testId="admin-nav">
          Admin
        </NavLink>
      ) : null}
    </nav>
  );
}

function Screens(props: { lastSyncAt: string | null; access: AsyncState<AdminAccessView>; onRetryAccess: () => void }) {
  const { lastSyncAt, access, onRetryAccess } = props;
  const route = useRoute();
  // Changing the products of a comparison stays on the same screen and must not steal focus.
  const screenKey = route.name === 'compare' ? 'compare' : routeHref(route);
  useEffect(() => {
    // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
    const heading = document.getElementById('screen-title');
    heading?.focus();
  }, [screenKey]);

  return (
    <main className="content" id="content">
      {route.name === 'catalog' ? <CatalogScreen lastSyncAt={lastSyncAt} /> : null}
      {route.name === 'product' ? <ProductScreen key={route.productId} productId={route.productId} /> : null}
      {route.name === 'compare' ? <CompareScreen productIds={route.productIds} premium={route.premium} years={route.years} /> : null}
      {route.name === 'saved-list' ? <SavedListScreen /> : null}
      {route.name === 'saved' ? <SavedComparisonScreen key={route.comparisonId} comparisonId={route.comparisonId} /> : null}
      {route.name === 'compliance' ? <ComplianceSearchScreen query={route.query} access={access.status === 'ready' ? access.value : null} /> : null}
      {route.name === 'compliance-record' ? (
        <ComplianceRecordScreen key={route.comparisonId} comparisonId={route.comparisonId} query={route.query} access={access.status === 'ready' ? access.value : null} />
      ) : null}
      {isAdminRoute(route) ? <AdminConsole route={route} access={access} onRetryAccess={onRetryAccess} lastSyncAt={lastSyncAt} /> : null}
      {route.name === 'not-found' ? (
        <section aria-labelledby="screen-title">
          <h1 id="screen-title" tabIndex={-1}>
            Page not found
          </h1>
          <p>
            <a href={routeHref({ name: 'catalog' })}>Go to the catalog</a>
          </p>
        </section>
      ) : null}
    </main>
  );
}
