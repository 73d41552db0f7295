// Revoking access from the admin console (issue 14): "Revoke device" (a lost laptop), "Revoke user"
// (a rep who left) and "Reinstate", each revocation asking for the reason the laptop will show when
// it wipes itself; and the "Offline policy" editor, the days a laptop may quote without a sync.
// Online only and admin only: the server refuses anyone else, and the message says so.
import { useState } from 'react';
import { MAX_OFFLINE_DAYS_LIMIT } from '../../../src-shared/sync/cache-policy.js';
import type { FleetDevice, SyncPolicy } from '../../../src-shared/desktop-api/index.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import { AsyncView } from '../../components/async-view.js';
import { Form } from '../../components/form.js';
import { ReasonInput, ReasonProblem, useReason } from '../../components/reason-input.js';
import { useAdminWrite } from '../../use-admin-write.js';
import { useAsync } from '../../use-async.js';

type Target = { kind: 'device'; revoked: boolean } | { kind: 'user'; revoked: boolean };

const CONSEQUENCE = {
  device: 'At its next sync the laptop uploads what is saved on it, then removes its rates, saved comparisons and sign-in.',
  user: 'On every laptop, at the next sync, the rep’s saved work is uploaded, then the laptop removes its rates, saved comparisons and sign-in.',
} as const;

/** The row's controls: revoke (with a reason, confirmed in a dialog) or reinstate the device and its rep. */
export function RevokeAccessActions({ device, onChanged }: { device: FleetDevice; onChanged: () => void }) {
  const [asking, setAsking] = useState<'device' | 'user' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, write } = useAdminWrite();
  const who = device.userName ?? device.userEmail;

  const change = async (target: Target, reason: string | null) => {
    const send = (): Promise<unknown> =>
      target.kind === 'device'
        ? call(desktopApi().adminSetDeviceAccess(reason === null ? { deviceId: device.deviceId, revoked: false } : { deviceId: device.deviceId, revoked: true, reason }))
        : call(desktopApi().adminSetUserAccess(reason === null ? { userId: device.userId, revoked: false } : { userId: device.userId, revoked: true, reason }));
    await write(send, {
      done: () => {
        setAsking(null);
        setMessage(reason === null ? `Reinstated: ${target.kind === 'device' ? 'the device' : who} can sync again.` : `Revoked. ${CONSEQUENCE[target.kind]}`);
        onChanged();
      },
      failed: (error) => setMessage(`Nothing was changed: ${errorMessage(error)}`),
    });
  };

  return (
    <div className="row-actions">
      {device.deviceRevoked ? (
        <button type="button" disabled={busy} onClick={() => void change({ kind: 'device', revoked: false }, null)} aria-label={`Reinstate device of ${who}`}>
          Reinstate device
        </button>
      ) : (
        <button type="button" className="button-danger" disabled={busy} onClick={() => setAsking('device')} aria-label={`Revoke device of ${who}`}>
          Revoke device
        </button>
      )}
      {device.userRevoked ? (
        <button type="button" disabled={busy} onClick={() => void change({ kind: 'user', revoked: false }, null)} aria-label={`Reinstate ${who}`}>
          Reinstate user
        </button>
      ) : (
        <button type="button" className="button-danger" disabled={busy} onClick={() => setAsking('user')} aria-label={`Revoke ${who}`}>
          Revoke user
        </button>
      )}
      {asking === null ? null : (
        <RevokeDialog
          title={asking === 'device' ? `Revoke this device of ${who}` : `Revoke ${who}’s access`}
          consequence={CONSEQUENCE[asking]}
          busy={busy}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => void change({ kind: asking, revoked: true }, reason)}
        />
      )}
      <p role="status" className="sr-status">
        {message ?? ''}
      </p>
    </div>
  );
}

function RevokeDialog(props: { title: string; consequence: string; busy: boolean; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const reason = useReason();
  const id = 'revoke-reason';
  const submit = () => {
    const checked = reason.take();
    if (checked !== null) props.onConfirm(checked);
  };
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="revoke-title" className="dialog">
      <h3 id="revoke-title">{props.title}</h3>
      <p>{props.consequence}</p>
      <Form onSubmit={submit}>
        <div className="field field-wide">
          <label htmlFor={id}>Reason (shown on the laptop and kept in the audit log)</label>
          <ReasonInput id={id} reason={reason} testId="revoke-reason" />
          <ReasonProblem id={id} reason={reason} />
        </div>
        <button type="submit" className="button-danger" disabled={props.busy}>
          {props.busy ? 'Revoking…' : 'Revoke'}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </button>
      </Form>
    </div>
  );
}

/** The days typed, when a whole number in range; else the problem to show. */
export function checkOfflineDays(text: string): { ok: true; days: number } | { ok: false; message: string } {
  const days = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(days) || days < 1 || days > MAX_OFFLINE_DAYS_LIMIT) {
    return { ok: false, message: `Days: must be a whole number of days from 1 to ${MAX_OFFLINE_DAYS_LIMIT}.` };
  }
  return { ok: true, days };
}

/** The "Offline policy" editor: how many days a laptop may quote from its cache without a sync. */
export function OfflinePolicyEditor() {
  const policy = useAsync(() => call(desktopApi().adminSyncPolicy()), 'sync-policy');
  return (
    <section aria-labelledby="offline-policy-heading">
      <h2 id="offline-policy-heading">Offline policy</h2>
      <AsyncView state={policy.state} what="the offline policy" onRetry={policy.reload}>
        {(value) => <OfflinePolicyForm policy={value} onSaved={policy.reload} />}
      </AsyncView>
    </section>
  );
}

function OfflinePolicyForm({ policy, onSaved }: { policy: SyncPolicy; onSaved: () => void }) {
  const [text, setText] = useState(String(policy.maxOfflineDays));
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, write } = useAdminWrite();
  const submit = async () => {
    const checked = checkOfflineDays(text);
    setProblem(checked.ok ? null : checked.message);
    if (!checked.ok) return;
    await write(() => call(desktopApi().adminSetSyncPolicy({ maxOfflineDays: checked.days })), {
      done: (saved) => {
        setMessage(`Saved: laptops stop quoting ${saved.maxOfflineDays} days after their last sync, from their next sync on.`);
        onSaved();
      },
      failed: (error) => setProblem(`Nothing was changed: ${errorMessage(error)}`),
    });
  };
  return (
    <Form className="inline-form" onSubmit={() => void submit()}>
      <div className="field">
        <label htmlFor="offline-days">Days a laptop may quote without a sync</label>
        <input
          id="offline-days"
          type="number"
          min={1}
          max={MAX_OFFLINE_DAYS_LIMIT}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : 'offline-days-error'}
        />
        {problem === null ? null : (
          <span id="offline-days-error" className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save policy'}
      </button>
      <p role="status" className="sr-status">
        {message ?? ''}
      </p>
    </Form>
  );
}
