// A whole number within bounds, with the messages every form and route gives for one: what was
// expected when it is not a whole number, and the range when it is outside it.
import { z } from 'zod';
import { typeMessage } from '../errors.js';

/** `what` names the expected value in the type message ("a whole number of years"). */
export function wholeNumberBetween(min: number, max: number, what = 'a whole number') {
  const range = `must be between ${min} and ${max}`;
  return z.int({ error: typeMessage(what) }).min(min, range).max(max, range);
}
