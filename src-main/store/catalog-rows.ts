// The cached catalog's rows and the values they hold, one table at a time: the columns the app
// reads, the ONE mapping from a stored row to the domain value, and the row a synced value is
// written as. The row types come from the Kysely schema (schema.ts), so a column added there is a
// type error here until it is read or left out on purpose. Reads (catalog-queries.ts,
// catalog-search.ts), the sync's writes (catalog-upserts.ts, catalog-bulk.ts) and the checksums
// over the stored rows (stored-catalog-rows.ts) all go through this file.
import type { AvailabilityWindow, Product, RateHistoryEntry } from '../../src-shared/catalog.js';
import { CompoundingSchema, isBrokeredCd, nonforfeitureRateOf, ProductTypeSchema } from '../../src-shared/catalog.js';
import { issueAgeAndMvaTermsOf } from '../../src-shared/catalog/issue-ages-and-mva.js';
import { flag, isSet, moneyText, rateText, versionText } from './column-values.js';
import type { AvailabilityRow, NewAvailabilityRow, NewProductRow, NewRateRow, ProductRow, RateRow } from './schema.js';

/** Catalog rows as they arrive from sync: the domain row plus its server change version. */
export type CachedProduct = Product & { changeVersion: string };
export type CachedAvailability = AvailabilityWindow & { changeVersion: string };
export type CachedRate = RateHistoryEntry & { changeVersion: string };

/** Compiles only when `Unread` is never: every column is read, or left out in the type's second argument. */
type EveryColumn<Unread extends never> = Unread;

/** camelCase field -> snake_case column ("productId" -> "product_id"), as CamelCasePlugin maps them. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The timestamps: in every read of the catalog, in no checksum (their text depends on the server's session). */
export type Timestamps = 'createdAt' | 'updatedAt';

// ---- products --------------------------------------------------------------------------------

/** Every products column but the key, the version, the rowid alias and the generated twins. */
const PRODUCT_FIELDS = [
  'cusip', 'productName', 'productType', 'issuerName', 'description', 'minimumInvestment', 'maximumInvestment',
  'baseRate', 'bonusRate', 'bonusYears', 'termYears', 'guaranteedMinimumRate', 'compounding', 'surrenderSchedule',
  'freeWithdrawalPercent', 'returnOfPremium', 'returnOfPremiumPercentage', 'termsAndConditions',
  'nonforfeitureRate', 'brokered', 'earlyWithdrawalPenaltyMonths', 'minimumIssueAge', 'maximumIssueAge',
  'mvaApplies', 'mvaSpread', 'mvaReferenceIndex', 'mvaFactorFloor', 'mvaFactorCap', 'mvaReferenceRate', 'carrierId', 'isActive',
  'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const satisfies ReadonlyArray<keyof ProductRow>;

/** What the reads select: the domain fields (change_version is read only where needed, as text). */
export const PRODUCT_COLUMNS = ['productId', ...PRODUCT_FIELDS] as const;
/** What an upsert overwrites when the incoming copy is not older. */
const PRODUCT_UPDATES = [...PRODUCT_FIELDS, 'changeVersion'] as const;

export type ProductColumns = Pick<ProductRow, (typeof PRODUCT_COLUMNS)[number]>;
type _ProductsCovered = EveryColumn<
  Exclude<keyof ProductRow, keyof ProductColumns | 'changeVersion' | 'productKey' | 'minimumInvestmentCents' | 'maximumInvestmentCents' | 'baseRateUnits'>
>;

/** The columns that hold a value in another form than the domain's: enums CHECKed as text, flags, JSON. */
type EncodedProductColumns = 'productType' | 'compounding' | 'surrenderSchedule' | 'returnOfPremium' | 'brokered' | 'mvaApplies' | 'isActive';

/** A JSON array of strings, or the raw text when the column holds something else (it then matches no checksum and no contract). */
function surrenderScheduleOf(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((value) => typeof value === 'string')) return parsed;
  } catch {
    // fall through: a damaged column still maps, to a value the server's never equals
  }
  return [text];
}

/**
 * A products row as the domain value; the other columns of `row` (a rowid, the version) ride
 * along. Amounts and rates are the exact stored text already.
 */
export function productFromRow<R extends Pick<ProductRow, EncodedProductColumns>>(row: R): Omit<R, EncodedProductColumns> & Pick<Product, EncodedProductColumns> {
  return {
    ...row,
    // The CHECKs admit only the schema's values, so these narrowings cannot fail on a cached row.
    productType: ProductTypeSchema.parse(row.productType),
    compounding: CompoundingSchema.parse(row.compounding),
    surrenderSchedule: surrenderScheduleOf(row.surrenderSchedule),
    returnOfPremium: isSet(row.returnOfPremium),
    brokered: isSet(row.brokered),
    mvaApplies: isSet(row.mvaApplies),
    isActive: isSet(row.isActive),
  };
}

/** A synced product as its cache row: exact decimal text in the stored form, flags as 0/1. Throws ValidationError naming the field. */
function productRow(product: CachedProduct, index: number): NewProductRow {
  const at = (field: string): string => `products.${index}.${field}`;
  return {
    productId: product.productId,
    cusip: product.cusip,
    productName: product.productName,
    productType: product.productType,
    issuerName: product.issuerName,
    description: product.description,
    minimumInvestment: moneyText(product.minimumInvestment, at('minimumInvestment')),
    maximumInvestment: product.maximumInvestment === null ? null : moneyText(product.maximumInvestment, at('maximumInvestment')),
    baseRate: rateText(product.baseRate, at('baseRate')),
    bonusRate: rateText(product.bonusRate, at('bonusRate')),
    bonusYears: product.bonusYears,
    termYears: product.termYears,
    guaranteedMinimumRate: rateText(product.guaranteedMinimumRate, at('guaranteedMinimumRate')),
    compounding: product.compounding,
    surrenderSchedule: JSON.stringify(product.surrenderSchedule.map((charge, year) => rateText(charge, at(`surrenderSchedule.${year}`)))),
    freeWithdrawalPercent: rateText(product.freeWithdrawalPercent, at('freeWithdrawalPercent')),
    returnOfPremium: flag(product.returnOfPremium),
    returnOfPremiumPercentage:
      product.returnOfPremiumPercentage === null ? null : rateText(product.returnOfPremiumPercentage, at('returnOfPremiumPercentage')),
    termsAndConditions: product.termsAndConditions,
    // A server always sends these; an older payload without them gets the catalog's defaults.
    nonforfeitureRate: rateText(nonforfeitureRateOf(product), at('nonforfeitureRate')),
    brokered: flag(isBrokeredCd(product)),
    earlyWithdrawalPenaltyMonths: product.earlyWithdrawalPenaltyMonths ?? null,
    ...issueAgeAndMvaRow(product, at),
    carrierId: product.carrierId ?? null,
    isActive: flag(product.isActive),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    createdBy: product.createdBy,
    updatedBy: product.updatedBy,
    changeVersion: versionText(product.changeVersion, at('changeVersion')),
  };
}

/** The issue ages and MVA terms as cache columns; absent (an older server) = no limits, no MVA. */
function issueAgeAndMvaRow(product: CachedProduct, at: (field: string) => string) {
  const terms = issueAgeAndMvaTermsOf(product);
  const percent = (value: string | null, field: string) => (value === null ? null : rateText(value, at(field)));
  return {
    minimumIssueAge: terms.minimumIssueAge,
    maximumIssueAge: terms.maximumIssueAge,
    mvaApplies: flag(terms.mvaApplies),
    mvaSpread: percent(terms.mvaSpread, 'mvaSpread'),
    mvaReferenceIndex: terms.mvaReferenceIndex,
    mvaReferenceRate: percent(terms.mvaReferenceRate, 'mvaReferenceRate'),
    mvaFactorFloor: percent(terms.mvaFactorFloor, 'mvaFactorFloor'),
    mvaFactorCap: percent(terms.mvaFactorCap, 'mvaFactorCap'),
  };
}

// ---- availability windows --------------------------------------------------------------------

const AVAILABILITY_FIELDS = ['productId', 'startDate', 'endDate', 'isActive', 'createdAt', 'createdBy'] as const satisfies ReadonlyArray<keyof AvailabilityRow>;
export const AVAILABILITY_COLUMNS = ['availabilityId', ...AVAILABILITY_FIELDS] as const;
const AVAILABILITY_UPDATES = [...AVAILABILITY_FIELDS, 'changeVersion'] as const;
export type AvailabilityColumns = Pick<AvailabilityRow, (typeof AVAILABILITY_COLUMNS)[number]>;
type _AvailabilityCovered = EveryColumn<Exclude<keyof AvailabilityRow, keyof AvailabilityColumns | 'changeVersion'>>;

/** An availability row as the domain value (other columns of `row` ride along). */
export function availabilityFromRow<R extends Pick<AvailabilityRow, 'isActive'>>(row: R): Omit<R, 'isActive'> & { isActive: boolean } {
  return { ...row, isActive: isSet(row.isActive) };
}

function availabilityRow(window: CachedAvailability, index: number): NewAvailabilityRow {
  return {
    availabilityId: window.availabilityId,
    productId: window.productId,
    startDate: window.startDate,
    endDate: window.endDate,
    isActive: flag(window.isActive),
    createdAt: window.createdAt,
    createdBy: window.createdBy,
    changeVersion: versionText(window.changeVersion, `availability.${index}.changeVersion`),
  };
}

// ---- rate history ----------------------------------------------------------------------------

const RATE_FIELDS = ['productId', 'baseRate', 'bonusRate', 'effectiveDate', 'endDate', 'isActive', 'createdAt', 'createdBy'] as const satisfies ReadonlyArray<keyof RateRow>;
export const RATE_COLUMNS = ['rateHistoryId', ...RATE_FIELDS] as const;
const RATE_UPDATES = [...RATE_FIELDS, 'changeVersion'] as const;
export type RateColumns = Pick<RateRow, (typeof RATE_COLUMNS)[number]>;
type _RatesCovered = EveryColumn<Exclude<keyof RateRow, keyof RateColumns | 'changeVersion'>>;

/** A rate_history row as the domain value (other columns of `row` ride along). */
export function rateFromRow<R extends Pick<RateRow, 'isActive'>>(row: R): Omit<R, 'isActive'> & { isActive: boolean } {
  return { ...row, isActive: isSet(row.isActive) };
}

function rateRow(entry: CachedRate, index: number): NewRateRow {
  return {
    rateHistoryId: entry.rateHistoryId,
    productId: entry.productId,
    baseRate: rateText(entry.baseRate, `rates.${index}.baseRate`),
    bonusRate: rateText(entry.bonusRate, `rates.${index}.bonusRate`),
    effectiveDate: entry.effectiveDate,
    endDate: entry.endDate,
    isActive: flag(entry.isActive),
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
    changeVersion: versionText(entry.changeVersion, `rates.${index}.changeVersion`),
  };
}

// ---- the three together ----------------------------------------------------------------------

/** Per synced catalog table: its SQL name, its key, the columns an upsert overwrites and the row a synced value is written as. */
export const CATALOG_WRITES = {
  products: { table: 'products', key: 'productId', updates: PRODUCT_UPDATES, row: productRow },
  availability: { table: 'product_availability', key: 'availabilityId', updates: AVAILABILITY_UPDATES, row: availabilityRow },
  rates: { table: 'rate_history', key: 'rateHistoryId', updates: RATE_UPDATES, row: rateRow },
} as const;
