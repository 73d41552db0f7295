// The limits of a comparison, in one place for every side that checks them: the projection engine
// and compareProducts, the desktop contract (compare and save), the sync wire schema the server
// validates pushes with, the desktop store and the compare screen. The SQL CHECKs in the server's
// and the desktop's migrations restate the numbers (migrations are frozen and import nothing), and
// the server's constraint messages name them; a change here needs a migration there.
import { z } from 'zod';
import { typeMessage } from './errors.js';
import { PositiveMoneyString } from './validation/decimal-strings.js';

/** A projection or comparison covers whole contract years, 1..50. */
export const MIN_HORIZON_YEARS = 1;
export const MAX_HORIZON_YEARS = 50;
export const HORIZON_YEARS_RANGE = `must be between ${MIN_HORIZON_YEARS} and ${MAX_HORIZON_YEARS}`;

/** True for a whole number of years a comparison may cover. */
export function isHorizonYears(years: number): boolean {
  return Number.isInteger(years) && years >= MIN_HORIZON_YEARS && years <= MAX_HORIZON_YEARS;
}

/** The horizon in years; `expected` words the message for a value that is not a whole number. */
export function horizonYears(expected = 'a whole number of years') {
  return z.int({ error: typeMessage(expected) }).min(MIN_HORIZON_YEARS, HORIZON_YEARS_RANGE).max(MAX_HORIZON_YEARS, HORIZON_YEARS_RANGE);
}

/** Products side by side in one comparison (and items of a saved one), 1..4. */
export const MIN_COMPARED_PRODUCTS = 1;
export const MAX_COMPARED_PRODUCTS = 4;
export const COMPARED_PRODUCTS_RANGE = `must be between ${MIN_COMPARED_PRODUCTS} and ${MAX_COMPARED_PRODUCTS}`;

/** A list of 1..4 compared products (candidates, ids or saved items). */
export function comparedProducts<T extends z.ZodType>(item: T, expected?: string) {
  return z
    .array(item, expected === undefined ? undefined : { error: typeMessage(expected) })
    .min(MIN_COMPARED_PRODUCTS, `must contain at least ${MIN_COMPARED_PRODUCTS} product`)
    .max(MAX_COMPARED_PRODUCTS, `must contain at most ${MAX_COMPARED_PRODUCTS} products`);
}

/** The column a saved product was shown in, 1..4. */
export const ComparedPosition = z
  .int({ error: typeMessage('a whole number') })
  .min(MIN_COMPARED_PRODUCTS, COMPARED_PRODUCTS_RANGE)
  .max(MAX_COMPARED_PRODUCTS, COMPARED_PRODUCTS_RANGE);

/**
 * The amount a comparison is for: dollars greater than 0 with at most 2 decimals and 13 integer
 * digits (NUMERIC(15,2)). The compare screen words its own message for people.
 */
export const Premium = PositiveMoneyString;

/** How the rep names the client of a saved comparison: at most 120 characters (varchar(120) on the server). */
export const MAX_CLIENT_REFERENCE_LENGTH = 120;

/**
 * A US Social Security number as reps tend to type one: 123-45-6789, 123 45 6789 or 123456789, not
 * part of a longer number. Mirrored by the CHECK product_comparisons_client_reference_no_ssn.
 */
export const SSN_PATTERN = /(?<![0-9])[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}(?![0-9])/;

/** Text of the right length only (what the desktop contract checks before main applies the rest). */
export const ClientReferenceText = z
  .string({ error: typeMessage('text') })
  .max(MAX_CLIENT_REFERENCE_LENGTH, `must be at most ${MAX_CLIENT_REFERENCE_LENGTH} characters`);

/** A client reference as stored and uploaded: not blank (leave it out instead) and never an SSN. */
export const ClientReference = ClientReferenceText.refine((value) => value.trim().length > 0, 'must not be blank (leave it out instead)').refine(
  (value) => !SSN_PATTERN.test(value),
  "must not contain a Social Security number; use the client's name or a CRM reference",
);
