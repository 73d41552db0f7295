// The optional body of state changes (deactivate, reactivate, retract): a reason for the audit
// trail. Shared with the desktop admin console (src-shared/admin/product-edit.ts).
export { ReasonBody } from '../../src-shared/admin/product-edit.js';
