// The product editor's carrier picker (issue 13): picks the carrier record a product names, and
// fills the issuer name printed with the product from it. Carriers are listed from the server
// (the admin console is online only); offline the product keeps the carrier it has.
import type { Carrier } from '../../../src-shared/catalog/carriers.js';
import { call, desktopApi } from '../../api.js';
import { carrierOptions } from '../../admin-carriers.js';
import type { FieldErrors } from '../../admin-product-form.js';
import { routeHref } from '../../navigation.js';
import { useAsync } from '../../use-async.js';
import { Field, fieldId } from './product-editor-fields.js';

export function CarrierPicker(props: { carrierId: string; errors: FieldErrors; onPick: (carrierId: string, carrierName: string | null) => void }) {
  const { carrierId, errors, onPick } = props;
  const { state } = useAsync(async () => (await call(desktopApi().adminListCarriers())).carriers, 'carrier-picker');
  const carriers: readonly Carrier[] = state.status === 'ready' ? state.value : [];
  const hint =
    state.status === 'error'
      ? `The carriers cannot be listed right now (${state.message}); the product keeps its carrier.`
      : 'Sets the issuer name too. Add or correct carriers under Carriers.';
  return (
    <Field label="Carrier record" path="carrierId" errors={errors} hint={hint} className="span-2">
      {(ids) => (
        <>
          <select
            id={fieldId('carrierId')}
            value={carrierId}
            disabled={state.status !== 'ready'}
            onChange={(event) => onPick(event.target.value, carriers.find((carrier) => carrier.carrierId === event.target.value)?.carrierName ?? null)}
            data-testid="field-carrierId"
            {...ids}
          >
            {carrierOptions(carriers, carrierId).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <a href={routeHref({ name: 'admin-carriers' })} className="field-hint">
            Manage carriers
          </a>
        </>
      )}
    </Field>
  );
}
