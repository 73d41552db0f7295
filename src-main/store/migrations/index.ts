// The client migrations, listed statically: a packaged app has no migrations folder to scan (the
// code is bundled). Names are timestamps; Kysely applies them in name order and this build refuses
// a cache that recorded a migration missing here (migrate.ts).
import type { Migration } from 'kysely/migration';
import * as catalog from './20261124100000_catalog.js';
import * as catalogSearch from './20261124100100_catalog_search.js';
import * as comparisonsOutbox from './20261124100200_comparisons_outbox.js';
import * as syncState from './20261124100300_sync_state.js';
import * as comparisonHistorical from './20261203100100_comparison_historical.js';
import * as productCdTermsAndNonforfeiture from './20261203200100_product_cd_terms_and_nonforfeiture.js';
import * as comparisonOwner from './20261204100000_comparison_owner.js';
import * as recordEventQueue from './20261204100100_record_event_queue.js';
import * as productIssueAgesAndMva from './20261204100200_product_issue_ages_and_mva.js';
import * as catalogTerms from './20261204100300_catalog_terms.js';

export const clientMigrations: Readonly<Record<string, Migration>> = {
  '20261124100000_catalog': catalog,
  '20261124100100_catalog_search': catalogSearch,
  '20261124100200_comparisons_outbox': comparisonsOutbox,
  '20261124100300_sync_state': syncState,
  '20261203100100_comparison_historical': comparisonHistorical,
  '20261203200100_product_cd_terms_and_nonforfeiture': productCdTermsAndNonforfeiture,
  '20261204100000_comparison_owner': comparisonOwner,
  '20261204100100_record_event_queue': recordEventQueue,
  '20261204100200_product_issue_ages_and_mva': productIssueAgesAndMva,
  '20261204100300_catalog_terms': catalogTerms,
};
