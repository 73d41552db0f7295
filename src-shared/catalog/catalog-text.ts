// Text field schemas shared by the catalog's record types (carriers, approvals, strategies, index
// levels): required and trimmed-not-blank, bounded like their VARCHAR columns.
import { z } from 'zod';
import { typeMessage } from '../errors.js';

export function boundedText(maxLength: number) {
  return z.string({ error: typeMessage('text') }).max(maxLength, `must be at most ${maxLength} characters`);
}

export function requiredCatalogText(maxLength: number) {
  return boundedText(maxLength).refine((value) => value.trim().length > 0, 'must not be blank');
}

/** Who made a change: an email address or an Okta subject (VARCHAR(255), like created_by everywhere). */
export const CatalogActor = requiredCatalogText(255);
