// Text field schemas shared by the catalog's record types (carriers, approvals, strategies, index
// levels): required and trimmed-not-blank, bounded like their VARCHAR columns.
import { z } from 'zod';
import { isIsoDate } from '../dates.js';
import { typeMessage, type ValidationIssue } from '../errors.js';
import { IsoDateString, IsoTimestampString } from '../validation/decimal-strings.js';

export function boundedText(maxLength: number) {
  return z.string({ error: typeMessage('text') }).max(maxLength, `must be at most ${maxLength} characters`);
}

export function requiredCatalogText(maxLength: number) {
  return boundedText(maxLength).refine((value) => value.trim().length > 0, 'must not be blank');
}

/** Who made a change: an email address or an Okta subject (VARCHAR(255), like created_by everywhere). */
export const CatalogActor = requiredCatalogText(255);

/** The stamps of a catalog record that is replaced, never edited (strategy rates, index levels): isActive false = retracted. */
export const createdRecordStamps = {
  isActive: z.boolean({ error: typeMessage('true or false') }),
  createdAt: IsoTimestampString,
  createdBy: CatalogActor,
};

/** The stamps of a catalog record edited in place (carriers, approvals, strategies), as stored and synced. */
export const editedRecordStamps = {
  isActive: z.boolean({ error: typeMessage('true or false') }),
  createdAt: IsoTimestampString,
  updatedAt: IsoTimestampString,
  createdBy: CatalogActor,
  updatedBy: CatalogActor,
};

/** A zod superRefine that reports the issues a rule function finds (path "a.b" -> ["a", "b"]). */
export function refineBy<T>(rules: (value: T) => ValidationIssue[]) {
  return (value: T, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>): void => {
    for (const issue of rules(value)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  };
}

/**
 * The two schemas of a catalog record edited in place, held to the same cross-field rules: what an
 * admin sends (strict, so a misspelt field is an error rather than a silently ignored change) and
 * the row as stored and synced (its ids and stamps added; unknown fields stripped, so an older
 * desktop keeps working when the server adds a column).
 */
export function editedRecordSchemas<Keys extends z.ZodRawShape, Fields extends z.ZodRawShape>(
  keys: Keys,
  fields: Fields,
  rules: (value: Record<string, unknown>) => ValidationIssue[],
) {
  const refine = refineBy(rules);
  return {
    input: z.strictObject(fields).superRefine(refine),
    stored: z.object({ ...keys, ...fields, ...editedRecordStamps }).superRefine(refine),
  };
}

/**
 * The rule of every inclusive period of business dates (availability windows, rates, approvals):
 * `until`, when given, is on or after `from`. Reported on `until`; dates that are not valid ISO
 * dates are left to their own field's error.
 */
export function periodOrderIssues(from: string, until: string) {
  return (value: Record<string, unknown>): ValidationIssue[] => {
    const [start, end] = [value[from], value[until]];
    if (typeof start === 'string' && typeof end === 'string' && isIsoDate(start) && isIsoDate(end) && end < start) {
      return [{ path: until, message: `must be on or after ${from}` }];
    }
    return [];
  };
}

type PeriodShape<From extends string, Until extends string> = { [K in From]: typeof IsoDateString } & {
  [K in Until]: ReturnType<typeof IsoDateString.nullable>;
};

/**
 * A synced row valid over an inclusive period of business dates, `from` through `until` (null =
 * open-ended), that is replaced rather than edited (availability windows, base and strategy rates):
 * its own fields, the period, the created stamps, and the period's order rule.
 */
export function periodRecord<Fields extends z.ZodRawShape, From extends string, Until extends string>(fields: Fields, from: From, until: Until) {
  const period = { [from]: IsoDateString, [until]: IsoDateString.nullable() } as PeriodShape<From, Until>;
  return z.object({ ...fields, ...period, ...createdRecordStamps }).superRefine(refineBy(periodOrderIssues(from, until)));
}
