// The demo catalog's carriers (issue 13): every fictional issuer of catalog-generator.ts as a carrier
// record with a five-digit NAIC company code and an AM Best rating, outlook and as-of date, spread
// like a real shelf: mostly A+/A/A-, two B++ (the carriers behind many of the highest MYGA rates),
// one not rated (AM Best rates insurers; a bank it does not cover has no rating to enter).
//
// The codes are demo values in the 991xx-992xx block, not the code of any real company; the names
// are fictional. Carriers do not depend on the catalog seed (ids come from a fixed stream), so
// catalogs generated with different seeds and loaded into one database share them; the loader
// inserts a carrier only once (load-catalog-terms.ts).
import type { AmBestOutlook, AmBestRating, Carrier } from '../../src-shared/catalog/carriers.js';
import { toEpochDay } from '../../src-shared/dates.js';
import { diceFor } from './dice.js';
import { ADMINS, dayText, timestamp } from './seed-values.js';

interface CarrierFacts {
  name: string;
  naicCode: string;
  rating: readonly [AmBestRating, AmBestOutlook] | null;
  /**
   * Sells its New York business through a separate New York subsidiary (a common arrangement), so
   * none of this carrier's own products is approved in New York.
   */
  nySubsidiary: boolean;
}

const CARRIER_FACTS: readonly CarrierFacts[] = [
  { name: 'Summit Ridge Life Insurance Company', naicCode: '99127', rating: ['A+', 'stable'], nySubsidiary: true },
  { name: 'Harborview Annuity and Life Company', naicCode: '99143', rating: ['A', 'stable'], nySubsidiary: false },
  { name: 'Granite Mutual Life Insurance Company', naicCode: '99158', rating: ['A+', 'stable'], nySubsidiary: false },
  { name: 'Cedar Point Life & Annuity Company', naicCode: '99162', rating: ['B++', 'positive'], nySubsidiary: false },
  { name: 'Northwind Assurance Company', naicCode: '99184', rating: ['A-', 'stable'], nySubsidiary: false },
  { name: 'Lakeshore National Life Insurance Company', naicCode: '99196', rating: ['A', 'negative'], nySubsidiary: false },
  { name: 'Bluewater Savings Bank', naicCode: '99203', rating: ['A-', 'stable'], nySubsidiary: false },
  { name: 'Prairie State Bank & Trust', naicCode: '99215', rating: ['A', 'stable'], nySubsidiary: false },
  { name: 'Riverbend Federal Savings', naicCode: '99231', rating: null, nySubsidiary: false },
  { name: 'Copper Canyon National Bank', naicCode: '99248', rating: ['B++', 'stable'], nySubsidiary: false },
];

/** Independent of the catalog seed: the same carriers (and ids) for every catalog. */
const CARRIER_STREAM = 0x0ca7_71e5;

export interface DemoCarrier {
  carrier: Carrier;
  nySubsidiary: boolean;
}

const byToday = new Map<string, Map<string, DemoCarrier>>();

function buildCarriers(today: string): Map<string, DemoCarrier> {
  const dice = diceFor(CARRIER_STREAM, 0);
  const todayDay = toEpochDay(today);
  const carriers = new Map<string, DemoCarrier>();
  CARRIER_FACTS.forEach((facts, index) => {
    const carrierId = dice.uuid();
    const createdDay = todayDay - 3650 + index;
    const asOfDay = todayDay - dice.int(20, 330);
    const createdBy = dice.pick(ADMINS);
    const updatedBy = dice.pick(ADMINS);
    const [amBestRating, amBestOutlook] = facts.rating ?? [null, null];
    const carrier: Carrier = {
      carrierId,
      carrierName: facts.name,
      naicCode: facts.naicCode,
      amBestRating,
      amBestOutlook,
      ratingAsOf: facts.rating === null ? null : dayText(asOfDay),
      isActive: true,
      createdAt: timestamp(createdDay, 30),
      // A rating is copied in by an admin after the rating action it is as of.
      updatedAt: facts.rating === null ? timestamp(createdDay, 30) : timestamp(Math.min(asOfDay + dice.int(1, 7), todayDay), 45),
      createdBy,
      updatedBy: facts.rating === null ? createdBy : updatedBy,
    };
    carriers.set(facts.name, { carrier, nySubsidiary: facts.nySubsidiary });
  });
  return carriers;
}

function carriersAsOf(today: string): Map<string, DemoCarrier> {
  let carriers = byToday.get(today);
  if (carriers === undefined) {
    carriers = buildCarriers(today);
    byToday.set(today, carriers);
  }
  return carriers;
}

/** Every demo carrier, in a fixed order, with ratings as of `today`. */
export function demoCarriers(today: string): Carrier[] {
  return [...carriersAsOf(today).values()].map((entry) => entry.carrier);
}

/** The carrier record of a demo issuer; throws for a name that is not one. */
export function demoCarrierOf(issuerName: string, today: string): DemoCarrier {
  const found = carriersAsOf(today).get(issuerName);
  if (found === undefined) throw new RangeError(`no demo carrier is named ${JSON.stringify(issuerName)}`);
  return found;
}
