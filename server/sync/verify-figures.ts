// The server recomputes an uploaded comparison (issue 12): the same engine as the laptop
// (src-shared/comparison.ts compareProducts), the product as the rep saw it (each item's snapshot)
// and the server's own rate publications and availability windows as they stood when it was
// saved. Every figure must come out equal; the warnings are not compared, because their wording
// depends on what the laptop knew (a rate change it had not yet synced, for instance).
import { isDeepStrictEqual } from 'node:util';
import { Product } from '../../src-shared/catalog.js';
import { Comparison, compareProducts } from '../../src-shared/comparison.js';
import { Decimal } from '../../src-shared/decimal.js';
import { ValidationError } from '../../src-shared/errors.js';
import { z } from 'zod';
import { issueAgeAndMvaTermsOf } from '../../src-shared/catalog/issue-ages-and-mva.js';
import { illustrationInputFields } from '../../src-shared/illustration/illustration-inputs.js';
import { PREVIOUS_PROJECTION_RULES_VERSION, PROJECTION_RULES_VERSION, projectionTermsOf } from '../../src-shared/projection.js';
import type { SavedComparison } from '../../src-shared/sync/protocol.js';
import { CatalogView, ratesAsSavedAt, type VerificationCatalog } from './verify-catalog.js';
import { fiaTermsAsSavedAt } from './verify-fia-catalog.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function issuesText(error: unknown, prefix: string): string[] {
  if (error instanceof ValidationError) return error.issues.map((issue) => `${prefix}${issue.path ? `.${issue.path}` : ''}: ${issue.message}`);
  throw error;
}

function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } } }, value: unknown, prefix: string): T | string[] {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  return result.error.issues.slice(0, 3).map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`);
}

/** The first place two JSON values differ, as a path and both values; null when equal. */
function firstDifference(path: string, uploaded: Json | undefined, recomputed: Json | undefined): string | null {
  if (isDeepStrictEqual(uploaded, recomputed)) return null;
  const bothObjects =
    typeof uploaded === 'object' && uploaded !== null && typeof recomputed === 'object' && recomputed !== null && Array.isArray(uploaded) === Array.isArray(recomputed);
  if (bothObjects) {
    const keys = new Set([...Object.keys(uploaded), ...Object.keys(recomputed)]);
    for (const key of keys) {
      const inner = firstDifference(`${path}.${key}`, (uploaded as Record<string, Json>)[key], (recomputed as Record<string, Json>)[key]);
      if (inner !== null) return inner;
    }
  }
  const show = (value: Json | undefined) => (value === undefined ? 'absent' : JSON.stringify(value).slice(0, 80));
  return `${path}: ${show(uploaded)} does not equal the server's recomputation (${show(recomputed)})`;
}

function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** asJson for a field that may be absent (the illustration inputs, the sections). */
function optionalJson(value: unknown): Json | undefined {
  return value === undefined ? undefined : asJson(value);
}

/**
 * The snapshot's terms (term, bonus years, minimum rate, surrender schedule, ...) decide the figures
 * as much as the rates do. While the product has not been edited since the comparison was saved,
 * they must be the server's; after an edit the snapshot is the only account of what the rep saw.
 */
function snapshotTermsProblem(field: string, snapshot: Product, product: Product, comparisonDate: string): string | null {
  if (Date.parse(product.updatedAt) > Date.parse(comparisonDate)) return null;
  const rateless = { baseRate: '0', bonusRate: '0' };
  const termsOf = (value: Product) => ({ ...projectionTermsOf({ ...value, ...rateless }), ...mvaTermsOf(value) });
  const difference = firstDifference(`${field}.productSnapshot`, asJson(termsOf(snapshot)), asJson(termsOf(product)));
  return difference === null ? null : difference.replace("the server's recomputation", `product ${product.productId} as the server holds it (unchanged since ${product.updatedAt})`);
}

/** The MVA terms the scenarios are computed from, rates at 4 decimals whatever their spelling. */
function mvaTermsOf(product: Product) {
  const { minimumIssueAge: _min, maximumIssueAge: _max, ...terms } = issueAgeAndMvaTermsOf(product);
  const rate = (value: string | null) => (value === null ? null : new Decimal(value).toFixed(4));
  return { ...terms, mvaSpread: rate(terms.mvaSpread), mvaReferenceRate: rate(terms.mvaReferenceRate), mvaFactorFloor: rate(terms.mvaFactorFloor), mvaFactorCap: rate(terms.mvaFactorCap) };
}

const IllustrationInputs = z.object(illustrationInputFields);

/** What `inputs` must agree with: the record's own columns and the results' start date. */
function inputsProblems(comparison: SavedComparison, results: Comparison): string[] {
  const inputs = comparison.inputs;
  const problems: string[] = [];
  const premium = inputs['premium'];
  if (typeof premium !== 'string' || !/^\d+(\.\d+)?$/.test(premium) || !new Decimal(premium).equals(comparison.investmentAmount)) {
    problems.push(`inputs.premium: ${JSON.stringify(premium ?? null)} does not equal investmentAmount (${comparison.investmentAmount})`);
  }
  if (inputs['years'] !== comparison.horizonYears) problems.push(`inputs.years: ${JSON.stringify(inputs['years'] ?? null)} does not equal horizonYears (${comparison.horizonYears})`);
  if (inputs['asOfDate'] !== comparison.asOfDate) problems.push(`inputs.asOfDate: ${JSON.stringify(inputs['asOfDate'] ?? null)} does not equal asOfDate (${comparison.asOfDate})`);
  if (inputs['startDate'] !== results.startDate) problems.push(`inputs.startDate: ${JSON.stringify(inputs['startDate'] ?? null)} does not equal results.startDate (${results.startDate})`);
  return problems;
}

/** (d) of the verification: the rules version, the shape of results, and every recomputed figure. */
export function figureProblems(comparison: SavedComparison, catalog: VerificationCatalog, view: CatalogView): string[] {
  // Records of the version before the illustration sections verify as they did: same figures, no sections.
  const legacy = comparison.engineVersion === PREVIOUS_PROJECTION_RULES_VERSION;
  if (comparison.engineVersion !== PROJECTION_RULES_VERSION && !legacy) {
    return [`engineVersion: made with rules ${comparison.engineVersion}; this server verifies ${PROJECTION_RULES_VERSION} and ${PREVIOUS_PROJECTION_RULES_VERSION}; update the app`];
  }
  const results = parsed<Comparison>(Comparison, comparison.results, 'results');
  if (Array.isArray(results)) return results;
  const items = [...comparison.items].sort((a, b) => a.position - b.position);
  const problems: string[] = [];
  if (results.products.length !== items.length) problems.push(`results.products: has ${results.products.length} columns for ${items.length} items`);
  results.products.forEach((column, index) => {
    const rows = column.projection?.rows.length ?? 0;
    if (rows > comparison.horizonYears) problems.push(`results.products.${index}.projection.rows: has ${rows} rows, more than horizonYears (${comparison.horizonYears})`);
  });
  problems.push(...inputsProblems(comparison, results));
  const { withdrawals, mvaScenario, strategyIds } = comparison.inputs;
  const illustration = legacy ? {} : parsed(IllustrationInputs, { withdrawals, mvaScenario, strategyIds }, 'inputs');
  if (Array.isArray(illustration)) problems.push(...illustration);
  if (problems.length > 0 || Array.isArray(illustration)) return problems;

  const candidates = [];
  for (const item of items) {
    const field = `items.${comparison.items.indexOf(item)}`;
    const product = catalog.products.get(item.productId.toLowerCase());
    if (product === undefined) return [];
    const snapshot = parsed<Product>(Product, item.productSnapshot, `${field}.productSnapshot`);
    if (Array.isArray(snapshot)) return snapshot;
    if (snapshot.productId.toLowerCase() !== product.productId || snapshot.productType !== product.productType) {
      return [`${field}.productSnapshot: is not product ${product.productId} (${product.productType}) as the server holds it`];
    }
    const terms = snapshotTermsProblem(field, snapshot, product, comparison.comparisonDate);
    if (terms !== null) return [terms];
    candidates.push({
      ...fiaTermsAsSavedAt(catalog, product.productId, comparison.comparisonDate, view === CatalogView.asSaved),
      product: { ...snapshot, productId: product.productId },
      rates: ratesAsSavedAt(catalog.rates.get(product.productId) ?? [], comparison.comparisonDate, view),
      availability: [...(catalog.availability.get(product.productId) ?? [])],
    });
  }
  let recomputed: Comparison;
  try {
    recomputed = compareProducts({
      premium: comparison.investmentAmount,
      years: comparison.horizonYears,
      startDate: results.startDate,
      asOfDate: comparison.asOfDate,
      products: candidates,
      indexLevels: candidates.flatMap((candidate) => candidate.indexLevels),
      ...illustration,
    });
  } catch (error) {
    return issuesText(error, 'results');
  }
  if (legacy) recomputed = asPreviousVersion(recomputed);

  const uploaded = comparison.results as Record<string, Json>;
  for (const key of ['rulesVersion', 'premium', 'years', 'startDate', 'asOfDate', 'withdrawals', 'mvaScenario', 'strategyIds'] as const) {
    const difference = firstDifference(`results.${key}`, uploaded[key], optionalJson(recomputed[key]));
    if (difference !== null) return [difference];
  }
  const columns = uploaded['products'] as Json[];
  for (const [index, column] of recomputed.products.entries()) {
    const sent = columns[index] as Record<string, Json>;
    for (const key of ['productId', 'ratesUsed', 'projection', 'mva', 'fia'] as const) {
      const difference = firstDifference(`results.products.${index}.${key}`, sent[key], optionalJson(column[key]));
      if (difference !== null) return [difference];
    }
  }
  return [];
}

/** A recomputation as the previous rules version reported it: its version, and no illustration sections. */
function asPreviousVersion(recomputed: Comparison): Comparison {
  return {
    ...recomputed,
    rulesVersion: PREVIOUS_PROJECTION_RULES_VERSION,
    products: recomputed.products.map(({ mva: _mva, fia: _fia, ...column }) => ({
      ...column,
      projection: column.projection === null ? null : { ...column.projection, rulesVersion: PREVIOUS_PROJECTION_RULES_VERSION },
    })),
  };
}
