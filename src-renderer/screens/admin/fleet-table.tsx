// The Fleet tab's device table (one row per rep and device) and the paged listing behind it, shared
// by the device list and the Delivery view. Stale rows say so in the Status column.
import { useEffect, useState, type ReactNode } from 'react';
import type { FleetDevice } from '../../../src-shared/desktop-api/index.js';
import { formatTimestamp } from '../../../src-shared/format/display.js';
import { cacheAgeText, checksumText, deviceStatusText, repText, shortDeviceId } from '../../admin-fleet.js';
import { errorMessage } from '../../api.js';
import { AsyncView } from '../../components/async-view.js';
import { DataTable, num, unlabelled } from '../../components/data-table.js';
import { LoadMore } from '../../components/load-more.js';
import { useAsync } from '../../use-async.js';
import { FleetRowActions } from './fleet-row-actions.js';

interface Page<E> {
  devices: FleetDevice[];
  nextCursor: string | null;
  extra: E;
}

/** The pages loaded after the first one, and the state of loading the next. */
interface More {
  devices: FleetDevice[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

/** The first page whenever `key` changes (or `reload` runs), and the following ones on request. */
export function usePagedDevices<E>(key: string, load: (cursor: string | undefined) => Promise<Page<E>>) {
  const first = useAsync(() => load(undefined), key);
  const [more, setMore] = useState<More | null>(null);
  // A new first page starts the list again.
  useEffect(() => setMore(null), [first.state]);
  const page = first.state.status === 'ready' ? first.state.value : null;
  const nextCursor = more === null ? (page?.nextCursor ?? null) : more.nextCursor;
  const loaded = more?.devices ?? [];
  const loadMore = async () => {
    if (nextCursor === null || more?.loading === true) return;
    setMore({ devices: loaded, nextCursor, loading: true, error: null });
    try {
      const next = await load(nextCursor);
      setMore({ devices: [...loaded, ...next.devices], nextCursor: next.nextCursor, loading: false, error: null });
    } catch (error) {
      setMore({ devices: loaded, nextCursor, loading: false, error: errorMessage(error) });
    }
  };
  return { state: first.state, devices: [...(page?.devices ?? []), ...loaded], nextCursor, more, reload: first.reload, loadMore };
}

export type PagedDevices<E> = ReturnType<typeof usePagedDevices<E>>;

const COLUMNS = [
  'Rep',
  'Device',
  'Last sync',
  num('Cache age'),
  'App version',
  num('Protocol'),
  num('Pending uploads'),
  num('Rejected uploads'),
  'Checksums',
  'Status',
  unlabelled('Actions'),
];

export function FleetDeviceTable(props: { devices: FleetDevice[]; staleDays: number; caption: string; testId: string; onChanged: () => void }) {
  const { devices, staleDays, caption, testId, onChanged } = props;
  return (
    <DataTable columns={COLUMNS} caption={caption} testId={testId}>
      {devices.map((device) => (
        <tr
          key={`${device.deviceId}/${device.userId}`}
          className={device.stale ? 'fleet-row-stale' : undefined}
          data-testid="fleet-device"
          data-device-id={device.deviceId}
          data-stale={device.stale ? 'true' : 'false'}
        >
          <td>{repText(device)}</td>
          <td title={device.deviceId}>{shortDeviceId(device.deviceId)}</td>
          <td>{formatTimestamp(device.lastPullAt)}</td>
          <td className="num">{cacheAgeText(device.cacheAgeDays)}</td>
          <td>{device.appVersion ?? 'Not reported'}</td>
          <td className="num">{device.protocolVersion}</td>
          <td className="num">{device.pendingUploads}</td>
          <td className="num">{device.rejectedUploads}</td>
          <td>{checksumText(device.checksums)}</td>
          <td data-testid="fleet-device-status">{deviceStatusText(device, staleDays)}</td>
          <td data-testid="fleet-row-actions">
            <FleetRowActions device={device} onChanged={onChanged} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The listing's loading, error and "load more" states around its table. */
export function FleetListing<E>(props: { paged: PagedDevices<E>; what: string; empty: string; table: (devices: FleetDevice[], extra: E) => ReactNode }) {
  const { paged, what, empty, table } = props;
  return (
    <AsyncView state={paged.state} what={what} onRetry={paged.reload}>
      {(page) =>
        paged.devices.length === 0 ? (
          <p className="notice" role="status">
            {empty}
          </p>
        ) : (
          <>
            {table(paged.devices, page.extra)}
            <LoadMore hasMore={paged.nextCursor !== null} loading={paged.more?.loading === true} error={paged.more?.error ?? null} onMore={() => void paged.loadMore()} />
          </>
        )
      }
    </AsyncView>
  );
}
