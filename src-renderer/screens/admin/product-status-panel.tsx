import { useState } from 'react';
import type { Product } from '../../../src-shared/catalog.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import { checkReason } from '../../admin-reason.js';

/** Deactivate (withdraw from sale) or reactivate a product, with the reason kept in the audit trail. */
export function ProductStatusPanel({ product, writable, onChanged }: { product: Product; writable: boolean; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = product.isActive ? 'Deactivate product' : 'Reactivate product';

  const submit = async () => {
    const checked = checkReason(reason);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const api = desktopApi();
      const saved = await call(api.adminSetProductActive({ productId: product.productId, active: !product.isActive, reason: checked.reason }));
      await call(api.syncNow()).catch(() => undefined);
      setDone(saved.isActive ? 'The product is active again.' : 'The product is withdrawn: reps see it as not for sale after their next sync.');
      setReason('');
      onChanged();
    } catch (error) {
      setProblem(`Nothing was changed: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <p>
        {product.isActive ? (
          <>
            <span className="tag tag-in-force">Active</span> Reps can quote and compare it.
          </>
        ) : (
          <>
            <span className="tag tag-warning">Withdrawn</span> Reps see it as not for sale; no rates can be published until it is reactivated.
          </>
        )}
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field field-wide">
          <label htmlFor="status-reason">Reason (kept in the audit log)</label>
          <input
            id="status-reason"
            type="text"
            value={reason}
            maxLength={500}
            onChange={(event) => {
              setReason(event.target.value);
              setProblem(null);
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : 'status-reason-error'}
            data-testid="status-reason"
          />
          {problem === null ? null : (
            <span id="status-reason-error" className="field-error" role="alert">
              {problem}
            </span>
          )}
        </div>
        <button type="submit" className={product.isActive ? 'button-danger' : undefined} disabled={!writable || busy} data-testid="toggle-active">
          {busy ? 'Saving…' : action}
        </button>
      </form>
      <p role="status" className="sr-status">
        {done ?? ''}
      </p>
    </section>
  );
}
