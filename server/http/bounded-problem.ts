// The last guard on what an error answer can echo: every problem leaves through here. Routes cut
// the input they quote (http/echo.ts), but a message built from a caller's value elsewhere (a
// parser's message, an unknown key's name, a cell of a bad row) is cut here too, and the whole
// answer is kept under a size a client can take: a long list of issues is shortened, saying so,
// rather than sent as megabytes.
import type { ProblemBody } from './problem.js';

/** The longest string member anywhere in a problem except `detail`. */
export const MAX_PROBLEM_STRING = 500;
/** The longest `detail` (it may sum up several issues). */
export const MAX_PROBLEM_DETAIL = 2_000;
/** The largest problem answer, in characters of its JSON. */
export const MAX_PROBLEM_CHARS = 1024 * 1024;
/** Below this depth nothing is walked: problems are shallow, a deeper value is not ours. */
const MAX_DEPTH = 6;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function clipDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return clip(value, MAX_PROBLEM_STRING);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => clipDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [clip(key, MAX_PROBLEM_STRING), clipDeep(item, depth + 1)]));
}

const size = (body: ProblemBody) => JSON.stringify(body).length;

/** `body` with every string cut and, when still too large, its top-level lists shortened. */
export function boundedProblemBody(body: ProblemBody, maxChars: number = MAX_PROBLEM_CHARS): ProblemBody {
  const clipped = Object.fromEntries(
    Object.entries(body).map(([key, value]) => [clip(key, MAX_PROBLEM_STRING), key === 'detail' && typeof value === 'string' ? clip(value, MAX_PROBLEM_DETAIL) : clipDeep(value, 1)]),
  ) as ProblemBody;
  if (size(clipped) <= maxChars) return clipped;

  // Halve every top-level list until the answer fits; what was left out is counted, not lost silently.
  const lists = Object.entries(clipped).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
  const totals = new Map(lists.map(([key, list]) => [key, list.length]));
  let keep = Math.max(...lists.map(([, list]) => list.length), 0);
  let shortened = clipped;
  while (keep > 0 && size(shortened) > maxChars) {
    keep = Math.floor(keep / 2);
    shortened = { ...clipped };
    for (const [key, list] of lists) shortened[key] = list.slice(0, keep);
  }
  const omitted = [...totals].map(([key, total]) => `${key}: ${Math.min(keep, total)} of ${total} shown`).join(', ');
  const detail = clip(`${clipped.detail ?? clipped.title} (answer shortened to fit; ${omitted})`, MAX_PROBLEM_DETAIL);
  const answer: ProblemBody = { ...shortened, detail, truncated: true };
  // Lists were not the bulk (one huge extension): keep only the standard members.
  if (size(answer) > maxChars) return { type: body.type, title: clip(body.title, MAX_PROBLEM_STRING), status: body.status, detail, truncated: true };
  return answer;
}
