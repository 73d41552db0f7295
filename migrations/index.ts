// The static migration list. A packaged server or desktop app has no migrations folder to scan, so
// every migration is imported here. Names sort by their timestamp prefix; never rename or edit a
// migration that has shipped, add a new one.
import type { Migration } from 'kysely/migration';
import * as extensions from './20261124000100_extensions.js';
import * as roles from './20261124000200_roles.js';
import * as changeVersions from './20261124000300_change_versions.js';
import * as usersAndSessions from './20261124000400_users_and_sessions.js';
import * as products from './20261124000500_products.js';
import * as productAvailability from './20261124000600_product_availability.js';
import * as rateHistory from './20261124000700_rate_history.js';
import * as productComparisons from './20261124000800_product_comparisons.js';
import * as auditLog from './20261124000900_audit_log.js';
import * as grants from './20261124001000_grants.js';
import * as syncEpoch from './20261124001100_sync_epoch.js';
import * as comparisonSync from './20261124001200_comparison_sync.js';
import * as syncChecksums from './20261124001300_sync_checksums.js';
import * as jitOff from './20261203000100_jit_off.js';
import * as analyzeSyncBookkeeping from './20261203000200_analyze_sync_bookkeeping.js';
import * as comparisonHistorical from './20261203100100_comparison_historical.js';
import * as productCdTermsAndNonforfeiture from './20261203200000_product_cd_terms_and_nonforfeiture.js';
import * as recordImmutability from './20261204000100_record_immutability.js';
import * as comparisonRecordFields from './20261204000200_comparison_record_fields.js';
import * as comparisonUploadRejections from './20261204000300_comparison_upload_rejections.js';
import * as recordEvents from './20261204000400_record_events.js';
import * as retentionRoutine from './20261204000500_retention_routine.js';
import * as complianceSearch from './20261204000600_compliance_search.js';
import * as productIssueAgesAndMva from './20261204000700_product_issue_ages_and_mva.js';
import * as catalogTerms from './20261204000800_catalog_terms.js';
import * as productMvaReferenceRate from './20261204001200_product_mva_reference_rate.js';
import * as catalogTermsSync from './20261204001300_catalog_terms_sync.js';
import * as devices from './20261205000100_devices.js';
import * as userAccessRevocation from './20261205000200_user_access_revocation.js';
import * as syncPolicy from './20261205000300_sync_policy.js';
import * as auditClientRequestId from './20261205000400_audit_client_request_id.js';
import * as syncChangeNotify from './20261206000100_sync_change_notify.js';

export const migrations: Record<string, Migration> = {
  '20261124000100_extensions': extensions,
  '20261124000200_roles': roles,
  '20261124000300_change_versions': changeVersions,
  '20261124000400_users_and_sessions': usersAndSessions,
  '20261124000500_products': products,
  '20261124000600_product_availability': productAvailability,
  '20261124000700_rate_history': rateHistory,
  '20261124000800_product_comparisons': productComparisons,
  '20261124000900_audit_log': auditLog,
  '20261124001000_grants': grants,
  '20261124001100_sync_epoch': syncEpoch,
  '20261124001200_comparison_sync': comparisonSync,
  '20261124001300_sync_checksums': syncChecksums,
  '20261203000100_jit_off': jitOff,
  '20261203000200_analyze_sync_bookkeeping': analyzeSyncBookkeeping,
  '20261203100100_comparison_historical': comparisonHistorical,
  '20261203200000_product_cd_terms_and_nonforfeiture': productCdTermsAndNonforfeiture,
  '20261204000100_record_immutability': recordImmutability,
  '20261204000200_comparison_record_fields': comparisonRecordFields,
  '20261204000300_comparison_upload_rejections': comparisonUploadRejections,
  '20261204000400_record_events': recordEvents,
  '20261204000500_retention_routine': retentionRoutine,
  '20261204000600_compliance_search': complianceSearch,
  '20261204000700_product_issue_ages_and_mva': productIssueAgesAndMva,
  '20261204000800_catalog_terms': catalogTerms,
  '20261204001200_product_mva_reference_rate': productMvaReferenceRate,
  '20261204001300_catalog_terms_sync': catalogTermsSync,
  '20261205000100_devices': devices,
  '20261205000200_user_access_revocation': userAccessRevocation,
  '20261205000300_sync_policy': syncPolicy,
  '20261205000400_audit_client_request_id': auditClientRequestId,
  '20261206000100_sync_change_notify': syncChangeNotify,
};
