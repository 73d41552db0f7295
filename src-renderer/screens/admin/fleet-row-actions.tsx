// The row actions of the Fleet tab's device table: revoke or reinstate the device and its rep
// (issue 14, revoke-access.tsx). Only for those who may manage the fleet (admins, online): the
// server refuses anyone else, and compliance reads the fleet without buttons it cannot use.
import { createContext, useContext } from 'react';
import type { FleetDevice } from '../../../src-shared/desktop-api/index.js';
import { RevokeAccessActions } from './revoke-access.js';

/** Whether the viewer may revoke and reinstate (set by the Fleet screen). */
export const FleetManageContext = createContext(false);

export function FleetRowActions(props: { device: FleetDevice; onChanged: () => void }) {
  const manage = useContext(FleetManageContext);
  return manage ? <RevokeAccessActions device={props.device} onChanged={props.onChanged} /> : null;
}
