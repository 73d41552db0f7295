// One rule for a request that uploads a batch from the laptop (comparisons on push, record events):
// a list of at least one and at most the limit, the limit's message saying what to do with the rest.
import { z } from 'zod';
import { typeMessage } from '../errors.js';

export interface BatchNames {
  /** What one item is called ("comparison"). */
  one: string;
  many: string;
  /** How the laptop gets the rest across ("upload the rest in another request"). */
  restVerb: string;
}

export function uploadBatch<T extends z.ZodType>(item: T, max: number, names: BatchNames) {
  return z
    .array(item, { error: typeMessage(`a list of ${names.many}`) })
    .min(1, `must contain at least 1 ${names.one}`)
    .max(max, `must contain at most ${max} ${names.many}; ${names.restVerb} the rest in another request`);
}
