import { z } from 'zod';
import {
  channelOf,
  desktopContract,
  desktopErrorCodes,
  methodOfChannel,
  type DesktopArgs,
  type DesktopError,
  type DesktopMethod,
  type DesktopResult,
  type DesktopValue,
} from '../../src-shared/desktop-api/index.js';
import { describeIssues, joinPath, ValidationError, type ValidationIssue } from '../../src-shared/errors.js';
import { isSameOrigin } from '../security/app-origin.js';
import { DesktopCallError } from './desktop-call-error.js';

// Everything a desktop call goes through before and after its handler, without Electron types so
// it can be unit-tested: sender check, argument validation, result check, and errors turned into
// results instead of exceptions crossing the process boundary.

/** One handler per method of the contract table: a method without a handler is a type error. */
export type DesktopHandlers = {
  [M in DesktopMethod]: (...args: DesktopArgs<M>) => DesktopValue<M> | Promise<DesktopValue<M>>;
};

// The same contract seen per method, so that indexing it with a generic method keeps the
// argument and result types tied to that method.
type MethodContracts = {
  [M in DesktopMethod]: { args: z.ZodType<DesktopArgs<M>>; result: z.ZodType<DesktopValue<M>> };
};
const contracts: MethodContracts = desktopContract;

export interface DesktopSender {
  // URL of the frame that sent the message; null when the frame is already gone.
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: DesktopSender, trustedOrigin: string): boolean {
  return sender.isMainFrame && sender.frameUrl !== null && isSameOrigin(sender.frameUrl, trustedOrigin);
}

/** What the rep reads when a handler failed unexpectedly; the log has the channel and the stack. */
export const INTERNAL_MESSAGE = 'Something went wrong in RateDesk; the details are in the application log.';

export async function runDesktopCall<M extends DesktopMethod>(
  method: M,
  handler: DesktopHandlers[M],
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<DesktopValue<M>>> {
  // The channel names the call in the logs and the web host's URLs; the messages go on screen to
  // reps and compliance, so they never carry it (issue 11): what failed is the screen's to say.
  const channel = channelOf(method);
  if (!isTrustedSender(sender, trustedOrigin)) {
    console.error(`[ipc] ${channel} refused: not the main frame of the RateDesk window`);
    return failure(desktopErrorCodes.forbidden, 'Only the RateDesk window itself may do this.');
  }

  const contract = contracts[method];
  const args = contract.args.safeParse(rawArgs);
  if (!args.success) {
    const issues = args.error.issues.map((issue) => ({ path: requestFieldPath(issue.path), message: issue.message }));
    return failure(desktopErrorCodes.invalidRequest, `Some of what was sent is not valid: ${describeIssues(issues)}`, issues);
  }

  let value: unknown;
  try {
    value = await handler(...args.data);
  } catch (error) {
    // Refused input is the rep's to fix, so its message and each field's reason go back as they
    // are: the form puts every issue next to its field.
    if (error instanceof ValidationError) return failure(desktopErrorCodes.invalidRequest, error.message, error.issues);
    if (error instanceof DesktopCallError) return { ok: false, error: error.toDesktopError() };
    console.error(`[ipc] ${channel} failed`, error);
    return failure(desktopErrorCodes.internal, INTERNAL_MESSAGE);
  }

  const checked = contract.result.safeParse(value);
  if (!checked.success) {
    console.error(`[ipc] ${channel} produced a value outside its contract`, z.prettifyError(checked.error));
    return failure(desktopErrorCodes.internal, INTERNAL_MESSAGE);
  }
  return { ok: true, value: checked.data };
}

function failure(code: DesktopError['code'], message: string, issues?: readonly ValidationIssue[]): { ok: false; error: DesktopError } {
  return { ok: false, error: { code, message, ...(issues === undefined ? {} : { issues: [...issues] }) } };
}

/**
 * An argument issue's path as the form knows the field: without the argument's position, and for
 * the update calls without their `patch` wrapper, so the product editor finds "maximumInvestment"
 * whether main or the server refused it.
 */
export function requestFieldPath(path: readonly PropertyKey[]): string {
  const [position, ...rest] = path;
  const field = typeof position === 'number' ? rest : path;
  return joinPath(field[0] === 'patch' ? field.slice(1) : field);
}

/**
 * runDesktopCall for a channel named by a string from outside (the development web host serves
 * POST /desktop-api/<channel> with the same handlers); an unknown name is refused, not looked up.
 */
export function dispatchDesktopCall(
  handlers: DesktopHandlers,
  channel: string,
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<unknown>> {
  const method = methodOfChannel(channel);
  if (method === null) {
    console.error(`[ipc] unknown channel ${JSON.stringify(channel.slice(0, 80))}`);
    return Promise.resolve(failure(desktopErrorCodes.invalidRequest, 'This version of RateDesk does not offer that; reload the window.'));
  }
  return dispatchKnown(method, handlers, sender, rawArgs, trustedOrigin);
}

function dispatchKnown<M extends DesktopMethod>(
  method: M,
  handlers: DesktopHandlers,
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<DesktopValue<M>>> {
  return runDesktopCall(method, handlers[method], sender, rawArgs, trustedOrigin);
}

/** The handlers of one feature's slice of the contract table (src-shared/desktop-api/<feature>.ts). */
export type HandlersFor<Table> = Pick<DesktopHandlers, keyof Table & DesktopMethod>;
