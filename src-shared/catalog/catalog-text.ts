// Text field schemas shared by the catalog's record types (carriers, approvals, strategies, index
// levels): required and trimmed-not-blank, bounded like their VARCHAR columns.
import { z } from 'zod';
import { typeMessage, type ValidationIssue } from '../errors.js';
import { IsoTimestampString } from '../validation/decimal-strings.js';

export function boundedText(maxLength: number) {
  return z.string({ error: typeMessage('text') }).max(maxLength, `must be at most ${maxLength} characters`);
}

export function requiredCatalogText(maxLength: number) {
  return boundedText(maxLength).refine((value) => value.trim().length > 0, 'must not be blank');
}

/** Who made a change: an email address or an Okta subject (VARCHAR(255), like created_by everywhere). */
export const CatalogActor = requiredCatalogText(255);

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
