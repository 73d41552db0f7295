// A failure a handler means to hand to the renderer as it is: its code (offline, needs-sign-in,
// forbidden, conflict, ...) and a message written for the user, plus the fields at fault. Any
// other exception stays in the main-process log and the renderer gets "internal".
import type { DesktopError, DesktopErrorIssue } from '../../src-shared/desktop-api/index.js';

export class DesktopCallError extends Error {
  override readonly name = 'DesktopCallError';

  constructor(
    readonly code: DesktopError['code'],
    message: string,
    readonly issues?: DesktopErrorIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toDesktopError(): DesktopError {
    return { code: this.code, message: this.message, ...(this.issues === undefined ? {} : { issues: this.issues }) };
  }
}
