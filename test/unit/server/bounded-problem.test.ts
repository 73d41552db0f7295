// The last guard on error answers (server/http/bounded-problem.ts): every string cut, and an answer
// still too large has its lists shortened, saying so, instead of going out as megabytes.
import { describe, expect, it } from 'vitest';
import { boundedProblemBody, MAX_PROBLEM_DETAIL, MAX_PROBLEM_STRING } from '../../../server/http/bounded-problem.js';

const base = { type: 'https://ratedesk.example/problems/validation-failed', title: 'The request is not valid', status: 400 };

describe('boundedProblemBody', () => {
  it('leaves a normal problem as it is', () => {
    const body = { ...base, detail: 'line 3: cusip: not in the catalog', issues: [{ path: 'line 3: cusip', message: 'not in the catalog' }] };
    expect(boundedProblemBody(body)).toEqual(body);
  });

  it('cuts every string, nested ones and keys included, with an ellipsis', () => {
    const long = 'x'.repeat(10_000);
    const bounded = boundedProblemBody({ ...base, detail: long, issues: [{ path: long, message: long }], badRows: [{ ref: 'line 2', cusip: long }], [long]: 1 });
    expect(bounded.detail).toBe(`${'x'.repeat(MAX_PROBLEM_DETAIL)}…`);
    expect(bounded.issues?.[0]).toEqual({ path: `${'x'.repeat(MAX_PROBLEM_STRING)}…`, message: `${'x'.repeat(MAX_PROBLEM_STRING)}…` });
    expect(bounded['badRows']).toEqual([{ ref: 'line 2', cusip: `${'x'.repeat(MAX_PROBLEM_STRING)}…` }]);
    expect(JSON.stringify(bounded).length).toBeLessThan(5_000);
  });

  it('shortens the lists of an answer over the cap and says how many were shown', () => {
    const issues = Array.from({ length: 1_000 }, (_, i) => ({ path: `line ${i + 2}: cusip`, message: 'y'.repeat(400) }));
    const bounded = boundedProblemBody({ ...base, detail: '1000 rows have errors', issues }, 50_000);
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(50_000);
    expect(bounded.truncated).toBe(true);
    expect(bounded.issues?.length).toBeGreaterThan(0);
    expect(bounded.issues?.[0]).toEqual(issues[0]);
    expect(bounded.detail).toContain(`issues: ${bounded.issues?.length} of 1000 shown`);
  });
});
