// The demo catalog's state approvals (issue 13): annuities are filed state by state, so each MYGA
// and FIA gets one approval per state it may be sold in, and the states differ the way they do on
// a real shelf:
//   - most states approved from the product's launch, some later (filings are approved one by one);
//   - New York missing for every product of a carrier that sells there through a New York
//     subsidiary, and for a few others (New York's own rules keep many products out);
//   - a few products missing in states that often approve late or want their own versions;
//   - some approvals withdrawn (approvedUntil in the past), some starting after the business date
//     (a new filing approved but not yet in force), and those of a product launching in the future.
// CDs are bank deposits, not state-filed: none.
import type { AvailabilityWindow, Product } from '../../src-shared/catalog.js';
import type { StateApproval } from '../../src-shared/catalog/state-approvals.js';
import { STATE_CODES, type StateCode } from '../../src-shared/catalog/us-states.js';
import { toEpochDay } from '../../src-shared/dates.js';
import type { Dice } from './dice.js';
import { ADMINS, dayText, timestamp } from './seed-values.js';

/** States where products commonly go late or need a state-specific version. */
const LATE_STATES: readonly StateCode[] = ['CA', 'CT', 'DE', 'MN', 'NJ', 'OR', 'PA', 'WA', 'MA', 'ND'];

interface ApprovalPlan {
  from: number;
  until: number | null;
}

function launchDay(product: Product, availability: readonly AvailabilityWindow[]): number {
  const starts = availability.map((window) => toEpochDay(window.startDate));
  return starts.length > 0 ? Math.min(...starts) : toEpochDay(product.createdAt.slice(0, 10));
}

function excludedStates(nySubsidiary: boolean, dice: Dice): Set<StateCode> {
  const excluded = new Set<StateCode>();
  if (nySubsidiary || dice.chance(8)) excluded.add('NY');
  if (dice.chance(25)) {
    for (let left = dice.int(1, 3); left > 0; left -= 1) excluded.add(dice.pick(LATE_STATES));
  }
  return excluded;
}

/** Per state: from when (and until when) the product is approved there. */
function plans(launch: number, todayDay: number, excluded: ReadonlySet<StateCode>, dice: Dice): Map<StateCode, ApprovalPlan> {
  const byState = new Map<StateCode, ApprovalPlan>();
  for (const state of STATE_CODES) {
    if (excluded.has(state)) continue;
    byState.set(state, { from: dice.chance(85) ? launch : launch + dice.int(14, 300), until: null });
  }
  const approved = [...byState.keys()];
  if (approved.length === 0) return byState;
  // A newly approved state, in force only after the business date.
  if (dice.chance(12)) byState.set(dice.pick(approved), { from: Math.max(launch, todayDay + dice.int(1, 120)), until: null });
  // A withdrawn approval: the carrier stopped selling the product in that state.
  if (dice.chance(10)) {
    const state = dice.pick(approved);
    const plan = byState.get(state);
    const until = todayDay - dice.int(1, 365);
    if (plan !== undefined && plan.from <= until) byState.set(state, { from: plan.from, until });
  }
  return byState;
}

export function demoStateApprovals(
  product: Product,
  availability: readonly AvailabilityWindow[],
  nySubsidiary: boolean,
  dice: Dice,
  todayDay: number,
): StateApproval[] {
  if (product.productType === 'CD') return [];
  const byState = plans(launchDay(product, availability), todayDay, excludedStates(nySubsidiary, dice), dice);
  const approvals: StateApproval[] = [];
  for (const [stateCode, { from, until }] of byState) {
    const createdAt = timestamp(Math.min(from - 1, todayDay), dice.int(0, 239));
    const createdBy = dice.pick(ADMINS);
    approvals.push({
      approvalId: dice.uuid(),
      productId: product.productId,
      stateCode,
      approvedFrom: dayText(from),
      approvedUntil: until === null ? null : dayText(until),
      isActive: true,
      createdAt,
      updatedAt: until === null ? createdAt : timestamp(Math.min(until, todayDay), 300),
      createdBy,
      updatedBy: until === null ? createdBy : dice.pick(ADMINS),
    });
  }
  return approvals;
}
