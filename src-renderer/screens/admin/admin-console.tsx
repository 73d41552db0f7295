// The admin console's frame: who may open which screen, the console's own tabs, and the
// "online only" notice. The screens below it stay readable offline; their write buttons follow
// `canWrite`.
import type { AdminAccessView } from '../../../src-shared/desktop-api/index.js';
import { adminTabs, canWrite, mayOpen } from '../../admin-access.js';
import { routeHref, type AdminRoute } from '../../navigation.js';
import type { AsyncState } from '../../use-async.js';
import { Screen } from '../screen-title.js';
import { AdminApprovalSheetScreen } from './approval-sheet.js';
import { AdminAuditScreen } from './audit-log.js';
import { AdminCarriersScreen } from './carriers.js';
import { AdminFleetScreen } from './fleet.js';
import { AdminIndexHistoryScreen } from './index-history.js';
import { AdminProductEditorScreen } from './product-editor.js';
import { AdminProductsScreen } from './products.js';
import { AdminPublishRateScreen } from './publish-rate.js';
import { AdminRateSheetScreen } from './rate-sheet.js';

export function AdminConsole(props: { route: AdminRoute; access: AsyncState<AdminAccessView>; onRetryAccess: () => void; lastSyncAt: string | null }) {
  const { route, access, onRetryAccess, lastSyncAt } = props;
  if (access.status === 'loading') {
    return (
      <Screen title="Admin">
        <p className="notice" role="status">
          Checking what your account may do…
        </p>
      </Screen>
    );
  }
  if (access.status === 'error') {
    return (
      <Screen title="Admin">
        <div className="notice notice-error" role="alert">
          <p>Could not check what your account may do: {access.message}</p>
          <button type="button" onClick={onRetryAccess}>
            Try again
          </button>
        </div>
      </Screen>
    );
  }
  const value = access.value;
  if (!mayOpen(route, value)) {
    return (
      <Screen title="Not available" testId="admin-not-available">
        <p className="notice notice-warning" role="note">
          This part of RateDesk is not available for your account.
          {value.roles.length === 0 ? ' Sign in with an admin or compliance account to use it.' : null}
        </p>
        <p>
          <a href={routeHref({ name: 'catalog' })}>Go to the catalog</a>
        </p>
      </Screen>
    );
  }
  const writable = canWrite(value);
  return (
    <div className="admin-console">
      <nav aria-label="Admin" className="admin-tabs">
        {adminTabs(route, value).map((tab) => (
          <a key={tab.href} href={tab.href} aria-current={tab.current ? 'page' : undefined} className={tab.current ? 'admin-tab admin-tab-current' : 'admin-tab'}>
            {tab.label}
          </a>
        ))}
      </nav>
      {value.online ? null : (
        <p className="notice notice-warning" role="status" data-testid="admin-offline">
          {value.message ?? 'The admin console works online only. RateDesk cannot reach the server right now; changes cannot be published.'}{' '}
          <button type="button" className="button-small" onClick={onRetryAccess}>
            Check again
          </button>
        </p>
      )}
      {route.name === 'admin-products' ? <AdminProductsScreen writable={writable} lastSyncAt={lastSyncAt} /> : null}
      {route.name === 'admin-product-new' ? <AdminProductEditorScreen key="new" productId={null} writable={writable} /> : null}
      {route.name === 'admin-product-edit' ? <AdminProductEditorScreen key={route.productId} productId={route.productId} writable={writable} /> : null}
      {route.name === 'admin-publish' ? <AdminPublishRateScreen key={route.productId} productId={route.productId} writable={writable} /> : null}
      {route.name === 'admin-rate-sheet' ? <AdminRateSheetScreen writable={writable} /> : null}
      {route.name === 'admin-carriers' ? <AdminCarriersScreen writable={writable} /> : null}
      {route.name === 'admin-approval-sheet' ? <AdminApprovalSheetScreen writable={writable} /> : null}
      {route.name === 'admin-index-history' ? <AdminIndexHistoryScreen key={route.indexName ?? ''} indexName={route.indexName} writable={writable} /> : null}
      {route.name === 'admin-fleet' ? <AdminFleetScreen manage={writable} /> : null}
      {route.name === 'admin-audit' ? <AdminAuditScreen key={routeHref(route)} tableName={route.tableName} recordId={route.recordId} /> : null}
    </div>
  );
}
