import { useState } from 'react';
import type { Product } from '../../../src-shared/catalog.js';
import { call, desktopApi, errorMessage } from '../../api.js';
import { Form } from '../../components/form.js';
import { ReasonInput, ReasonProblem, useReason } from '../../components/reason-input.js';
import { useAdminWrite } from '../../use-admin-write.js';

/** Deactivate (withdraw from sale) or reactivate a product, with the reason kept in the audit trail. */
export function ProductStatusPanel({ product, writable, onChanged }: { product: Product; writable: boolean; onChanged: () => void }) {
  const reason = useReason();
  const { busy, write } = useAdminWrite();
  const [done, setDone] = useState<string | null>(null);
  const action = product.isActive ? 'Deactivate product' : 'Reactivate product';

  const submit = async () => {
    const checked = reason.take();
    if (checked === null) return;
    await write(() => call(desktopApi().adminSetProductActive({ productId: product.productId, active: !product.isActive, reason: checked })), {
      done: (saved) => {
        setDone(saved.isActive ? 'The product is active again.' : 'The product is withdrawn: reps see it as not for sale after their next sync.');
        reason.clear();
        onChanged();
      },
      failed: (error) => reason.setProblem(`Nothing was changed: ${errorMessage(error)}`),
    });
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
      <Form className="inline-form" onSubmit={() => void submit()}>
        <div className="field field-wide">
          <label htmlFor="status-reason">Reason (kept in the audit log)</label>
          <ReasonInput id="status-reason" reason={reason} testId="status-reason" />
          <ReasonProblem id="status-reason" reason={reason} />
        </div>
        <button type="submit" className={product.isActive ? 'button-danger' : undefined} disabled={!writable || busy} data-testid="toggle-active">
          {busy ? 'Saving…' : action}
        </button>
      </Form>
      <p role="status" className="sr-status">
        {done ?? ''}
      </p>
    </section>
  );
}
