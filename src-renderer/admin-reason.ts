// The reason an admin gives for withdrawing or restoring something: required by the console (an
// audit entry without one is hard to review later), with the server's own length rule.
import { ReasonText } from '../src-shared/admin/product-edit.js';

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

export function checkReason(text: string): ReasonCheck {
  if (text.trim() === '') return { ok: false, message: 'Reason: give one for the audit log (for example "issuer withdrew it").' };
  const parsed = ReasonText.safeParse(text);
  if (!parsed.success) return { ok: false, message: `Reason: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  return { ok: true, reason: parsed.data };
}
