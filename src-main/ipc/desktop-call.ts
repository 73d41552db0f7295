import { z } from 'zod';
import {
  desktopContract,
  desktopErrorCodes,
  type DesktopArgs,
  type DesktopChannel,
  type DesktopError,
  type DesktopResult,
  type DesktopValue,
} from '../../src-shared/desktop-api.js';
import { describeIssues, joinPath, ValidationError, type ValidationIssue } from '../../src-shared/errors.js';
import { isSameOrigin } from '../security/app-origin.js';
import { DesktopCallError } from './desktop-call-error.js';

// Everything a desktop call goes through before and after its handler, without Electron types so
// it can be unit-tested: sender check, argument validation, result check, and errors turned into
// results instead of exceptions crossing the process boundary.

export type DesktopHandlers = {
  [C in DesktopChannel]: (...args: DesktopArgs<C>) => DesktopValue<C> | Promise<DesktopValue<C>>;
};

// The same contract seen per channel, so that indexing it with a generic channel keeps the
// argument and result types tied to that channel.
type ChannelContracts = {
  [C in DesktopChannel]: { args: z.ZodType<DesktopArgs<C>>; result: z.ZodType<DesktopValue<C>> };
};
const contracts: ChannelContracts = desktopContract;

export interface DesktopSender {
  // URL of the frame that sent the message; null when the frame is already gone.
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: DesktopSender, trustedOrigin: string): boolean {
  return sender.isMainFrame && sender.frameUrl !== null && isSameOrigin(sender.frameUrl, trustedOrigin);
}

export async function runDesktopCall<C extends DesktopChannel>(
  channel: C,
  handler: DesktopHandlers[C],
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<DesktopValue<C>>> {
  if (!isTrustedSender(sender, trustedOrigin)) {
    return failure(desktopErrorCodes.forbidden, `${channel}: only the main frame of the RateDesk window may call this channel.`);
  }

  const contract = contracts[channel];
  const args = contract.args.safeParse(rawArgs);
  if (!args.success) {
    const issues = args.error.issues.map((issue) => ({ path: requestFieldPath(issue.path), message: issue.message }));
    return failure(desktopErrorCodes.invalidRequest, `${channel}: invalid arguments: ${describeIssues(issues)}`, issues);
  }

  let value: unknown;
  try {
    value = await handler(...args.data);
  } catch (error) {
    // Refused input is the rep's to fix, so its message (field and reason) goes back as is.
    if (error instanceof ValidationError) return failure(desktopErrorCodes.invalidRequest, `${channel}: ${error.message}`);
    if (error instanceof DesktopCallError) return { ok: false, error: error.toDesktopError() };
    console.error(`[ipc] ${channel} failed`, error);
    return failure(desktopErrorCodes.internal, `${channel} failed; the details are in the application log.`);
  }

  const checked = contract.result.safeParse(value);
  if (!checked.success) {
    console.error(`[ipc] ${channel} produced a value outside its contract`, z.prettifyError(checked.error));
    return failure(desktopErrorCodes.internal, `${channel} failed; the details are in the application log.`);
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

export function isDesktopChannel(name: string): name is DesktopChannel {
  return Object.hasOwn(desktopContract, name);
}

/**
 * runDesktopCall for a channel named by a string from outside (the development web host serves
 * POST /api/<channel> with the same handlers); an unknown name is refused, not looked up.
 */
export function dispatchDesktopCall(
  handlers: DesktopHandlers,
  channel: string,
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<unknown>> {
  if (!isDesktopChannel(channel)) {
    return Promise.resolve(failure(desktopErrorCodes.invalidRequest, `${JSON.stringify(channel.slice(0, 80))} is not a RateDesk channel.`));
  }
  return dispatchKnown(channel, handlers, sender, rawArgs, trustedOrigin);
}

function dispatchKnown<C extends DesktopChannel>(
  channel: C,
  handlers: DesktopHandlers,
  sender: DesktopSender,
  rawArgs: readonly unknown[],
  trustedOrigin: string,
): Promise<DesktopResult<DesktopValue<C>>> {
  return runDesktopCall(channel, handlers[channel], sender, rawArgs, trustedOrigin);
}
