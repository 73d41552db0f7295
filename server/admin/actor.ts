// Who performs an admin change: what created_by/updated_by record (the person's email, as the
// desktop shows it) and the audit context (user, session, IP, user agent, request id).
import type { AuditContext } from '../audit/record-audit.js';

export interface Actor {
  /** Written to created_by / updated_by. */
  name: string;
  audit: AuditContext;
}
