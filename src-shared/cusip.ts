// CUSIP identifiers: 8 characters (6 issuer + 2 issue) and a modulus-10 "double add double"
// check digit. Validating the check digit catches most typos before they reach the catalog.
import { z } from 'zod';
import { typeMessage } from './errors.js';

const BODY = /^[0-9A-Z*@#]{8}$/;
const CUSIP = /^[0-9A-Z*@#]{8}[0-9]$/;

function characterValue(character: string): number {
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A=10 .. Z=35
  if (character === '*') return 36;
  if (character === '@') return 37;
  if (character === '#') return 38;
  throw new RangeError(`not a CUSIP character: ${JSON.stringify(character)}`);
}

/** The check digit (0-9) for the first 8 characters of a CUSIP. */
export function cusipCheckDigit(first8: string): number {
  if (!BODY.test(first8)) {
    throw new RangeError(`a CUSIP body is 8 characters of 0-9, A-Z, *, @, #: ${JSON.stringify(first8)}`);
  }
  let sum = 0;
  for (let index = 0; index < 8; index += 1) {
    let value = characterValue(first8.charAt(index));
    if (index % 2 === 1) value *= 2; // every second character, counting from 1
    sum += Math.floor(value / 10) + (value % 10);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCusip(value: string): boolean {
  return CUSIP.test(value) && cusipCheckDigit(value.slice(0, 8)) === Number(value.charAt(8));
}

/** A 9-character CUSIP with a valid check digit (upper case, as issued). */
export const CusipString = z
  .string({ error: typeMessage('a 9-character CUSIP') })
  .superRefine((value, ctx) => {
    if (value.length !== 9) {
      ctx.addIssue({ code: 'custom', message: 'must be exactly 9 characters' });
    } else if (!CUSIP.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be 8 characters of 0-9, A-Z, *, @, # (upper case) followed by a check digit' });
    } else if (!isValidCusip(value)) {
      ctx.addIssue({ code: 'custom', message: `has a wrong check digit (expected ${cusipCheckDigit(value.slice(0, 8))})` });
    }
  })
  .meta({ description: 'CUSIP: 9 characters with a valid check digit, e.g. "037833100"' });
