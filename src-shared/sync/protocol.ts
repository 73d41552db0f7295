// The sync wire contract between the desktop app and the server (routes /v1/sync/pull, /push and
// /checksums); the design is docs/adr/0001-sync-cursor.md. Requests are strict (an unknown field is
// refused, so a misspelt field is an error and not silently ignored); responses strip unknown fields
// so an older client keeps working when the server adds one.
import { z } from 'zod';
import { AvailabilityWindow, Product, RateHistoryEntry } from '../catalog.js';
import { Carrier } from '../catalog/carriers.js';
import { FiaStrategy, FiaStrategyRate } from '../catalog/fia-strategies.js';
import { IndexLevelRow } from '../catalog/index-levels.js';
import { StateApproval } from '../catalog/state-approvals.js';
import { typeMessage } from '../errors.js';
import { ClientReference, ComparedPosition, comparedProducts, horizonYears, Premium } from '../comparison-limits.js';
import { IsoDateString, IsoTimestampString, RateString, UuidString } from '../validation/decimal-strings.js';
import { uploadBatch } from '../validation/upload-batch.js';
import { BestInterest } from '../records/best-interest.js';
import { Sha256Hex } from '../records/record-events.js';
import { CachePolicy } from './cache-policy.js';
import { VERSION_PATTERN } from './cursor.js';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;
export const MAX_PUSH_COMPARISONS = 100;

/** A change_version: a non-negative 64-bit integer as a decimal string (JSON numbers lose precision past 2^53). */
export const VersionString = z
  .string({ error: typeMessage('a change version written as a string of digits') })
  .regex(VERSION_PATTERN, 'must be a change version: digits only, as returned by the server')
  .meta({ description: 'change_version, a 64-bit integer as a decimal string' });

/** Opaque to clients: store the cursor of the last pull and send it back unchanged. */
export const CursorString = z
  .string({ error: typeMessage('a cursor string') })
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .meta({ description: 'Opaque sync cursor returned by the server' });

/** A checksum: a sum of 64-bit row hashes modulo 2^64, in decimal. */
export const ChecksumString = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,19})$/, 'must be a checksum: up to 20 digits')
  .meta({ description: 'Sum modulo 2^64 of the 64-bit hashes of the rows, decimal' });

export const TableChecksum = z.object({
  count: z.int().nonnegative(),
  checksum: ChecksumString,
});
export type TableChecksum = z.infer<typeof TableChecksum>;
const emptyTable = (): TableChecksum => ({ count: 0, checksum: '0' });
const CATALOG_TERMS = ['carriers', 'approvals', 'strategies', 'strategyRates', 'indexLevels'] as const;

/** The names the synced collections have on the wire. */
export const SyncCollection = {
  products: 'products',
  availability: 'availability',
  rates: 'rates',
  comparisons: 'comparisons',
  // Issue 13's catalog records (carriers, product_state_approvals, fia_strategies,
  // fia_strategy_rates, index_levels).
  carriers: 'carriers',
  approvals: 'approvals',
  strategies: 'strategies',
  strategyRates: 'strategyRates',
  indexLevels: 'indexLevels',
} as const;
export type SyncCollection = (typeof SyncCollection)[keyof typeof SyncCollection];
export const SYNC_COLLECTIONS = Object.values(SyncCollection);

/**
 * Counts and checksums of what the server holds for the caller at `cursor`. comparisons counts the
 * caller's saved comparisons; its checksum covers them and their items (see row-canonical.ts).
 */
export const ChecksumReport = z.object({
  epoch: UuidString,
  cursor: CursorString,
  tables: z.object({
    products: TableChecksum,
    availability: TableChecksum,
    rates: TableChecksum,
    comparisons: TableChecksum,
    // Issue 13. A server before them does not send them: it holds none of these rows, so they read
    // as empty, which is what the client then holds too (or, if not, re-downloads to get).
    ...Object.fromEntries(CATALOG_TERMS.map((collection) => [collection, TableChecksum.default(emptyTable)])) as Record<
      (typeof CATALOG_TERMS)[number],
      z.ZodDefault<typeof TableChecksum>
    >,
  }),
});
export type ChecksumReport = z.infer<typeof ChecksumReport>;

export const PullQuery = z.strictObject({
  /** Absent for the first pull: a full download, paged the same way. */
  cursor: CursorString.optional(),
  /** Rows per page; a page can exceed it by the rest of one transaction, never splitting it. */
  limit: z.coerce
    .number({ error: `must be a whole number between 1 and ${MAX_PULL_LIMIT}` })
    .int(`must be a whole number between 1 and ${MAX_PULL_LIMIT}`)
    .min(1, `must be a whole number between 1 and ${MAX_PULL_LIMIT}`)
    .max(MAX_PULL_LIMIT, `must be a whole number between 1 and ${MAX_PULL_LIMIT}`)
    .default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

const changeVersion = { changeVersion: VersionString };

// The catalog schemas, plus the version that tells the client which copy of a row is newer. A
// deactivated row (isActive false) is the tombstone: catalog rows are never deleted.
export const SyncedProduct = Product.safeExtend(changeVersion);
export type SyncedProduct = z.infer<typeof SyncedProduct>;
export const SyncedAvailability = AvailabilityWindow.safeExtend(changeVersion);
export type SyncedAvailability = z.infer<typeof SyncedAvailability>;
export const SyncedRate = RateHistoryEntry.safeExtend(changeVersion);
export type SyncedRate = z.infer<typeof SyncedRate>;

/** Issue 13's catalog records as synced, by wire collection. */
export const SyncedCatalogTerms = {
  carriers: Carrier.safeExtend(changeVersion),
  approvals: StateApproval.safeExtend(changeVersion),
  strategies: FiaStrategy.safeExtend(changeVersion),
  strategyRates: FiaStrategyRate.safeExtend(changeVersion),
  indexLevels: IndexLevelRow.safeExtend(changeVersion),
};
export const { carriers: SyncedCarrier, approvals: SyncedStateApproval, strategies: SyncedStrategy } = SyncedCatalogTerms;
export const { strategyRates: SyncedStrategyRate, indexLevels: SyncedIndexLevel } = SyncedCatalogTerms;
export type SyncedCarrier = z.infer<typeof SyncedCarrier>;
export type SyncedStateApproval = z.infer<typeof SyncedStateApproval>;
export type SyncedStrategy = z.infer<typeof SyncedStrategy>;
export type SyncedStrategyRate = z.infer<typeof SyncedStrategyRate>;
export type SyncedIndexLevel = z.infer<typeof SyncedIndexLevel>;

export const JsonObject = z.record(z.string(), z.json(), { error: typeMessage('a JSON object') });
export type JsonObject = z.infer<typeof JsonObject>;

/** How deep an uploaded JSON document may nest (an object holding an object is 2 levels). */
export const MAX_JSON_DEPTH = 32;
/** The most a comparison's inputs may take: UTF-8 bytes of JSON.stringify(inputs). */
export const MAX_INPUTS_BYTES = 16 * 1024;

/**
 * The nesting depth of a JSON value, without recursion: z.json() recurses once per level, so a
 * 2,000-level document overflows the stack (a 500) unless this runs first. Stops counting at
 * `limit` + 1, so a deep document costs no more than a legal one.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > limit) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 + 2 for its halves.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * An uploaded JSON object, refused at the wire when it nests deeper than MAX_JSON_DEPTH (checked
 * before z.json() sees it) or, with `maxBytes`, when its JSON text is larger: an upload becomes a
 * record that can never be deleted, so its size is bounded here and not by the request limit.
 */
export function boundedJsonObject(maxBytes?: number) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
        ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_JSON_DEPTH} levels deep`, abort: true });
      }
    })
    .pipe(JsonObject)
    .superRefine((value, ctx) => {
      if (maxBytes === undefined) return;
      const bytes = utf8Length(JSON.stringify(value));
      if (bytes > maxBytes) ctx.addIssue({ code: 'custom', message: `must be at most ${maxBytes} bytes as JSON (it is ${bytes})` });
    });
}

const itemFields = {
  /** 1..4: the column the product was shown in. */
  position: ComparedPosition,
  productId: UuidString,
  /** The rate publication the projection used; null when none was in force. */
  rateHistoryId: UuidString.nullable(),
  baseRate: RateString,
  bonusRate: RateString,
  /** The product as the rep saw it, kept so the record survives later catalog changes. */
  productSnapshot: JsonObject,
};

const comparisonFields = {
  /** Generated on the laptop, so an upload retried after a lost answer is recognised. */
  comparisonId: UuidString,
  /** When the rep showed it, by the laptop clock. */
  comparisonDate: IsoTimestampString,
  asOfDate: IsoDateString,
  investmentAmount: Premium,
  horizonYears: horizonYears(),
  /** The inputs of the comparison as entered. */
  inputs: JsonObject,
  engineVersion: z
    .string({ error: typeMessage('text') })
    .max(100, 'must be at most 100 characters')
    .refine((value) => value.trim().length > 0, 'must not be blank'),
  /**
   * True: the rep deliberately looked at rates as of another day than the business date it was
   * saved on (src-shared/historical-view.ts); never a current offer. Absent means false, so older
   * clients' uploads and older servers' answers still parse; the app sends it only when true, so
   * an older server (strict schema) still accepts every current-view upload.
   */
  historical: z.boolean({ error: typeMessage('true or false') }).optional(),
  /**
   * What makes the record complete (issue 12). Optional in the schema so records saved by an older
   * app still parse; the server refuses a new upload that lacks them, per item, naming the field.
   * The app version that saved it (package.json version).
   */
  appVersion: z.string({ error: typeMessage('text') }).min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  /** The sync cursor of the laptop's catalog when it was saved; null when it had never synced. */
  catalogCursor: CursorString.nullable().optional(),
  /**
   * The business date of the saving day: the illustration's "prepared" date on every print and
   * reprint of this record.
   */
  preparedOn: IsoDateString.optional(),
  /**
   * The exact disclosure texts shown with it (src-shared/format/disclosures.ts, in reading order)
   * and the SHA-256 of their canonical form (records/disclosure-digest: UTF-8 of JSON.stringify(texts)),
   * so a reprint prints the same words and compliance can tell which wording a client read.
   */
  disclosures: z
    .strictObject({
      sha256: Sha256Hex,
      texts: z.array(z.string().min(1).max(4000, 'must be at most 4000 characters')).min(1, 'must contain at least 1 text').max(50),
    })
    .optional(),
  /** Optional best-interest documentation (NAIC Model 275); absent when the rep gave none. */
  bestInterest: BestInterest.optional(),
};

function uniqueItems(items: ReadonlyArray<{ position: number; productId: string }>, ctx: z.core.$RefinementCtx): void {
  const positions = new Map<number, number>();
  const products = new Map<string, number>();
  items.forEach((item, index) => {
    const samePosition = positions.get(item.position);
    if (samePosition !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['items', index, 'position'], message: `duplicates items.${samePosition}.position` });
    } else {
      positions.set(item.position, index);
    }
    const productKey = item.productId.toLowerCase();
    const sameProduct = products.get(productKey);
    if (sameProduct !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['items', index, 'productId'], message: `duplicates items.${sameProduct}.productId: each product can be compared once` });
    } else {
      products.set(productKey, index);
    }
  });
}

export const SavedComparisonItem = z.strictObject({ ...itemFields, productSnapshot: boundedJsonObject() });
export type SavedComparisonItem = z.infer<typeof SavedComparisonItem>;

/** A comparison saved on the laptop, as uploaded. Immutable once the server has it. */
export const SavedComparison = z
  .strictObject({
    ...comparisonFields,
    inputs: boundedJsonObject(MAX_INPUTS_BYTES),
    clientReference: ClientReference.nullable().optional(),
    /** What the rep was shown (the computed comparison), as a JSON object. */
    results: boundedJsonObject(),
    items: comparedProducts(SavedComparisonItem, 'a list of compared products'),
  })
  .superRefine((value, ctx) => uniqueItems(value.items, ctx));
export type SavedComparison = z.infer<typeof SavedComparison>;

export const SyncedComparisonItem = z.object({ ...itemFields, ...changeVersion });
export type SyncedComparisonItem = z.infer<typeof SyncedComparisonItem>;

/** A saved comparison as the server holds it (the caller's own only). */
export const SyncedComparison = z.object({
  ...comparisonFields,
  clientReference: z.string().nullable(),
  /** Older records may hold a JSON array. */
  results: z.union([JsonObject, z.array(z.json())]),
  /** When the server stored it (server clock). */
  receivedAt: IsoTimestampString,
  items: z.array(SyncedComparisonItem),
  ...changeVersion,
});
export type SyncedComparison = z.infer<typeof SyncedComparison>;

const catalogTermsChanges = {
  carriers: z.array(SyncedCarrier).default([]),
  approvals: z.array(SyncedStateApproval).default([]),
  strategies: z.array(SyncedStrategy).default([]),
  strategyRates: z.array(SyncedStrategyRate).default([]),
  indexLevels: z.array(SyncedIndexLevel).default([]),
};

export const PullResponse = z.object({
  epoch: UuidString,
  /** Send it with the next pull. */
  cursor: CursorString,
  /** True: pull again at once with `cursor`; the copy is not complete (nor verifiable) until false. */
  hasMore: z.boolean(),
  /**
   * The highest change version of anything the caller syncs (catalog rows, own comparisons) in the
   * snapshot this page was read from; the cursor equals it once hasMore is false.
   */
  highWater: VersionString,
  /** The server clock, for the client to notice its own clock being off. */
  serverTime: IsoTimestampString,
  changes: z.object({
    products: z.array(SyncedProduct),
    availability: z.array(SyncedAvailability),
    rates: z.array(SyncedRate),
    comparisons: z.array(SyncedComparison),
    // Issue 13's catalog records. The server always sends them; a server before them does not, and
    // its answer still parses (empty lists).
    ...catalogTermsChanges,
  }),
  /** Only on the last page (hasMore false): what the client's copy must now add up to. */
  checksums: ChecksumReport.optional(),
  /**
   * The zone in which business dates flip (RATEDESK_BUSINESS_TIME_ZONE): the desktop keeps it with
   * its copy and computes "today" in it. Optional: servers before it did not send it.
   */
  businessTimeZone: z.string().max(64).optional(),
  /** The offline policy in force (issue 14); optional: servers before it did not send it (the client then keeps the default). */
  cachePolicy: CachePolicy.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PushRequest = z.strictObject({
  comparisons: uploadBatch(SavedComparison, MAX_PUSH_COMPARISONS, { one: 'comparison', many: 'comparisons', restVerb: 'upload' }),
});
export type PushRequest = z.infer<typeof PushRequest>;
export type PushRequestInput = z.input<typeof PushRequest>;

export const PushStatus = { applied: 'applied', duplicate: 'duplicate', rejected: 'rejected' } as const;
export const PushStatusSchema = z.enum(PushStatus);
export type PushStatus = z.infer<typeof PushStatusSchema>;

export const PushResult = z.object({
  comparisonId: UuidString,
  status: PushStatusSchema,
  /** Why it was a duplicate or rejected; absent when applied. */
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  /** One per uploaded comparison, in upload order. */
  results: z.array(PushResult),
  /**
   * Once a pull returns a cursor at or past this one (same epoch, version >= this version), the
   * applied comparisons have come back from the server; until then the client shows them as uploading.
   */
  writeCheckpoint: CursorString,
});
export type PushResponse = z.infer<typeof PushResponse>;
