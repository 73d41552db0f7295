// The admin console's "Fleet" tab (issue 14): every rep's devices with their last sync, stalest
// first, and the Delivery view: for one recent rate publication, who has it and who does not yet.
// Reads only; the server answers from the delivery receipts its pulls record.
import { useState } from 'react';
import { FLEET_STALE_DAYS_DEFAULT, FLEET_STALE_DAYS_MAX, type RecentPublication } from '../../../src-shared/desktop-api/index.js';
import { deliverySummary, publicationText } from '../../admin-fleet.js';
import { call, desktopApi } from '../../api.js';
import { AsyncView } from '../../components/async-view.js';
import { useAsync } from '../../use-async.js';
import { Screen } from '../screen-title.js';
import { FleetManageContext } from './fleet-row-actions.js';
import { FleetDeviceTable, FleetListing, usePagedDevices } from './fleet-table.js';
import { OfflinePolicyEditor } from './revoke-access.js';

/** The stale threshold as typed: a whole number of days in range, else the default. */
function staleDaysOf(text: string): number {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= FLEET_STALE_DAYS_MAX ? days : FLEET_STALE_DAYS_DEFAULT;
}

export function AdminFleetScreen({ manage }: { manage: boolean }) {
  const [staleText, setStaleText] = useState(String(FLEET_STALE_DAYS_DEFAULT));
  const [staleOnly, setStaleOnly] = useState(false);
  const staleDays = staleDaysOf(staleText);
  const devices = usePagedDevices(`${staleDays}/${staleOnly}`, async (cursor) => {
    const page = await call(desktopApi().adminFleetDevices({ staleDays, staleOnly, ...(cursor === undefined ? {} : { cursor }) }));
    return { devices: page.devices, nextCursor: page.nextCursor, extra: { total: page.total, staleCount: page.staleCount } };
  });
  const staleValid = staleDaysOf(staleText) === Number(staleText);

  return (
    <Screen title="Fleet">
      <FleetManageContext.Provider value={manage}>
        <section aria-labelledby="fleet-devices-heading">
          <h2 id="fleet-devices-heading">Devices</h2>
          <div className="filters">
            <div className="field">
              <label htmlFor="fleet-stale-days">Stale after (days without a sync)</label>
              <input
                id="fleet-stale-days"
                type="number"
                min={1}
                max={FLEET_STALE_DAYS_MAX}
                value={staleText}
                onChange={(event) => setStaleText(event.target.value)}
                aria-invalid={staleValid ? undefined : true}
                aria-describedby={staleValid ? undefined : 'fleet-stale-days-error'}
              />
              {staleValid ? null : (
                <p className="field-error" id="fleet-stale-days-error">
                  Must be a whole number of days from 1 to {FLEET_STALE_DAYS_MAX}; using {FLEET_STALE_DAYS_DEFAULT}.
                </p>
              )}
            </div>
            <div className="field">
              <label className="inline-check">
                <input type="checkbox" checked={staleOnly} onChange={(event) => setStaleOnly(event.target.checked)} />
                Only stale devices
              </label>
            </div>
          </div>
          <FleetListing
            paged={devices}
            what="the devices"
            empty={staleOnly ? 'No device is stale.' : 'No device has synced yet.'}
            table={(rows, { total, staleCount }) => (
              <>
                <p className="muted" role="status" data-testid="fleet-summary">
                  {total} device{total === 1 ? '' : 's'}, {staleCount} stale (no sync for more than {staleDays} days); least recently synced first.
                </p>
                <FleetDeviceTable devices={rows} staleDays={staleDays} caption="Devices, least recently synced first" testId="fleet-devices" onChanged={devices.reload} />
              </>
            )}
          />
        </section>
        <DeliveryView staleDays={staleDays} />
        {manage ? <OfflinePolicyEditor /> : null}
      </FleetManageContext.Provider>
    </Screen>
  );
}

function DeliveryView({ staleDays }: { staleDays: number }) {
  const publications = useAsync(() => call(desktopApi().adminFleetPublications()), 'publications');
  const [chosen, setChosen] = useState<string | null>(null);
  const [has, setHas] = useState(false);

  return (
    <section aria-labelledby="fleet-delivery-heading">
      <h2 id="fleet-delivery-heading">Delivery</h2>
      <AsyncView state={publications.state} what="the recent publications" onRetry={publications.reload}>
        {({ publications: recent }) => {
          // The newest publication until the admin picks another.
          const version = chosen ?? recent[0]?.version ?? null;
          if (version === null) {
            return (
              <p className="notice" role="status">
                No rates have been published yet.
              </p>
            );
          }
          return (
            <>
              <DeliveryChoice publications={recent} version={version} onVersion={setChosen} has={has} onHas={setHas} />
              <DeliveryList key={`${version}/${has}/${staleDays}`} version={version} has={has} staleDays={staleDays} />
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

function DeliveryChoice(props: { publications: RecentPublication[]; version: string; onVersion: (version: string) => void; has: boolean; onHas: (has: boolean) => void }) {
  const { publications, version, onVersion, has, onHas } = props;
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="fleet-publication">Publication</label>
        <select id="fleet-publication" value={version} onChange={(event) => onVersion(event.target.value)}>
          {publications.map((publication) => (
            <option key={publication.version} value={publication.version}>
              {publicationText(publication)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>Show</legend>
        <label className="inline-check">
          <input type="radio" name="fleet-delivery-has" checked={!has} onChange={() => onHas(false)} /> Devices that do not have it yet
        </label>
        <label className="inline-check">
          <input type="radio" name="fleet-delivery-has" checked={has} onChange={() => onHas(true)} /> Devices that have it
        </label>
      </fieldset>
    </div>
  );
}

function DeliveryList({ version, has, staleDays }: { version: string; has: boolean; staleDays: number }) {
  const delivery = usePagedDevices(`${version}/${has}/${staleDays}`, async (cursor) => {
    const page = await call(desktopApi().adminFleetDelivery({ version, has, staleDays, ...(cursor === undefined ? {} : { cursor }) }));
    return { devices: page.devices, nextCursor: page.nextCursor, extra: { withIt: page.withIt, withoutIt: page.withoutIt } };
  });
  return (
    <>
      {delivery.state.status === 'ready' ? (
        <p role="status" data-testid="fleet-delivery-summary">
          {deliverySummary(delivery.state.value.extra.withIt, delivery.state.value.extra.withoutIt)}
        </p>
      ) : null}
      <FleetListing
        paged={delivery}
        what="the delivery"
        empty={has ? 'No device has it yet.' : 'Every device has it.'}
        table={(rows) => (
          <FleetDeviceTable
            devices={rows}
            staleDays={staleDays}
            caption={has ? 'Devices that have this publication' : 'Devices that do not have this publication yet'}
            testId={has ? 'fleet-delivery-has' : 'fleet-delivery-lacks'}
            onChanged={delivery.reload}
          />
        )}
      />
    </>
  );
}
