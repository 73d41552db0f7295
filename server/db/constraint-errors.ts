// Turns a PostgreSQL constraint violation into the field and reason a person can act on, so the API
// can answer "baseRate: must be between 0 and 25 (percent)" instead of a raw database error. The
// constraint names are the ones the migrations give; an unknown constraint still yields a code.

export const violationKinds = {
  '23505': 'unique',
  '23514': 'check',
  '23P01': 'exclusion',
  '23503': 'foreign_key',
  '23502': 'not_null',
} as const;
export type ViolationKind = (typeof violationKinds)[keyof typeof violationKinds];

export interface ConstraintViolation {
  kind: ViolationKind;
  /** camelCase field name as in the zod schemas, when the constraint is about one field. */
  field: string | undefined;
  message: string;
  constraint: string | undefined;
  table: string | undefined;
}

const rate = 'must be between 0 and 25 (percent)';
const percent = 'must be between 0 and 100 (percent)';

/**
 * constraint name -> [field, reason], for the names the conventions below do not cover or that need
 * a different reason.
 */
const known: Record<string, readonly [string | undefined, string]> = {
  users_okta_user_id_key: ['oktaUserId', 'is already linked to another user'],
  users_email_key: ['email', 'is already used by another user'],
  users_email_format: ['email', 'must be an email address'],
  user_roles_user_id_role_name_key: ['roleName', 'is already assigned to this user'],
  user_roles_role_name_known: ['roleName', 'must be one of sales_rep, admin, compliance'],
  user_sessions_jwt_token_hash_format: ['jwtTokenHash', 'must be a SHA-256 hash in lowercase hex (64 characters)'],
  user_sessions_logout_not_before_login: ['logoutTime', 'must not be before loginTime'],
  user_sessions_expires_after_login: ['expiresAt', 'must be after loginTime'],
  products_cusip_key: ['cusip', 'is already used by another product'],
  products_cusip_format: ['cusip', 'must be 8 characters of 0-9, A-Z, *, @, # followed by a check digit'],
  products_cusip_valid: ['cusip', 'has a wrong check digit'],
  products_product_type_known: ['productType', 'must be one of MYGA, FIA, CD'],
  products_minimum_investment_positive: ['minimumInvestment', 'must be greater than 0'],
  products_maximum_investment_not_below_minimum: ['maximumInvestment', 'must be greater than or equal to minimumInvestment'],
  products_base_rate_range: ['baseRate', rate],
  products_bonus_rate_range: ['bonusRate', rate],
  products_guaranteed_minimum_rate_range: ['guaranteedMinimumRate', rate],
  products_term_years_range: ['termYears', 'must be between 1 and 30'],
  products_bonus_years_range: ['bonusYears', 'must be between 0 and termYears'],
  products_bonus_years_cover_bonus: ['bonusYears', 'must be at least 1 when bonusRate is greater than 0'],
  products_compounding_known: ['compounding', 'must be one of annual, daily, simple'],
  products_surrender_schedule_valid: [
    'surrenderSchedule',
    'must list at most termYears percentages, each between 0 and 100',
  ],
  products_free_withdrawal_percent_range: ['freeWithdrawalPercent', percent],
  products_return_of_premium_percentage_range: ['returnOfPremiumPercentage', percent],
  products_return_of_premium_percentage_required: [
    'returnOfPremiumPercentage',
    'must be greater than 0 when returnOfPremium is true, and null otherwise',
  ],
  products_nonforfeiture_rate_range: ['nonforfeitureRate', 'must be between 1 and 3 (percent, NAIC Model 805)'],
  products_brokered_only_cd: ['brokered', 'must be false unless productType is CD'],
  products_early_withdrawal_penalty_months_range: ['earlyWithdrawalPenaltyMonths', 'must be between 0 and 60'],
  products_early_withdrawal_penalty_months_bank_cd_only: ['earlyWithdrawalPenaltyMonths', 'must be null unless the product is a bank CD'],
  products_minimum_issue_age_range: ['minimumIssueAge', 'must be between 0 and 120'],
  products_maximum_issue_age_range: ['maximumIssueAge', 'must be between 0 and 120'],
  products_issue_age_range: ['maximumIssueAge', 'must be greater than or equal to minimumIssueAge'],
  products_mva_spread_range: ['mvaSpread', 'must be between 0 and 5 (percent)'],
  products_mva_reference_index_not_blank: ['mvaReferenceIndex', 'must not be blank and at most 255 characters'],
  products_mva_factor_floor_range: ['mvaFactorFloor', 'must be between -100 and 0 (percent)'],
  products_mva_factor_cap_range: ['mvaFactorCap', 'must be between 0 and 100 (percent)'],
  products_mva_terms_complete: ['mvaApplies', 'with an MVA, mvaSpread and mvaReferenceIndex are required; without one, every MVA term must be null'],
  products_mva_not_cd: ['mvaApplies', 'must be false when productType is CD'],
  product_availability_end_date_not_before_start_date: ['endDate', 'must be on or after startDate'],
  rate_history_base_rate_range: ['baseRate', rate],
  rate_history_bonus_rate_range: ['bonusRate', rate],
  rate_history_end_date_not_before_effective_date: ['endDate', 'must be on or after effectiveDate'],
  rate_history_no_overlap: ['effectiveDate', 'overlaps another active rate period of this product'],
  product_comparisons_pkey: ['comparisonId', 'was already uploaded'],
  product_comparisons_investment_amount_positive: ['investmentAmount', 'must be greater than 0'],
  product_comparisons_horizon_years_range: ['horizonYears', 'must be between 1 and 50'],
  product_comparisons_inputs_object: ['inputs', 'must be a JSON object'],
  product_comparisons_results_present: ['results', 'must be a JSON object or array'],
  product_comparison_items_pkey: ['position', 'is used twice in this comparison'],
  product_comparison_items_comparison_id_product_id_key: ['productId', 'appears twice in this comparison'],
  product_comparison_items_position_range: ['position', 'must be between 1 and 4'],
  product_comparison_items_base_rate_range: ['baseRate', rate],
  product_comparison_items_bonus_rate_range: ['bonusRate', rate],
  product_comparison_items_product_snapshot_object: ['productSnapshot', 'must be a JSON object'],
  fia_strategies_product_is_fia: ['productId', 'must be a fixed indexed annuity (FIA): crediting strategies belong to FIAs'],
  fia_strategies_product_id_strategy_code_key: ['strategyCode', 'is already used by another strategy of this product'],
  fia_strategies_strategy_code_format: ['strategyCode', 'must be 1 to 40 upper-case letters, digits, "-" or "_", starting with a letter or digit'],
  fia_strategies_crediting_method_known: ['creditingMethod', 'must be one of cap, participation, spread, fixed'],
  fia_strategies_index_name_by_method: ['indexName', 'must be null exactly for a fixed account (creditingMethod "fixed")'],
  fia_strategies_guaranteed_rate_range: ['guaranteedRate', 'must be between 0 and 1000 (percent)'],
  fia_strategies_floor_rate_range: ['floorRate', rate],
  fia_strategies_sort_order_range: ['sortOrder', 'must be between 0 and 99'],
  fia_strategy_rates_rate_range: ['rate', 'must be between 0 and 1000 (percent)'],
  fia_strategy_rates_keep_guarantee: ['rate', "must keep the strategy's guarantee (at least its guaranteed cap, participation or declared rate; at most its guaranteed spread)"],
  fia_strategy_rates_end_date_not_before_effective_date: ['endDate', 'must be on or after effectiveDate'],
  index_levels_level_date_year_end: ['levelDate', 'must be a year-end date (in December)'],
  index_levels_level_positive: ['level', 'must be greater than 0'],
  index_levels_one_active_per_date: ['levelDate', 'already has an active level of this index; retract it before publishing another'],
  carriers_naic_code_key: ['naicCode', 'is already used by another carrier'],
  carriers_naic_code_digits: ['naicCode', 'must be the five-digit NAIC company code'],
  carriers_am_best_rating_known: ['amBestRating', 'must be an AM Best financial strength rating (A++ to F, or S)'],
  carriers_am_best_outlook_known: ['amBestOutlook', 'must be one of positive, stable, negative, developing'],
  carriers_rating_complete: ['ratingAsOf', 'a rating needs its outlook and as-of date; not rated means none of the three'],
  products_carrier_id_fkey: ['carrierId', 'is not a carrier in the catalog'],
  products_mva_reference_rate_range: ['mvaReferenceRate', rate],
  products_mva_reference_rate_only_with_mva: ['mvaReferenceRate', 'must be null when mvaApplies is false'],
  product_state_approvals_state_code_known: ['stateCode', 'must be a two-letter USPS code of one of the 50 states or DC'],
  product_state_approvals_until_not_before_from: ['approvedUntil', 'must be on or after approvedFrom'],
  product_state_approvals_no_overlap: ['approvedFrom', 'overlaps another active approval of this product in this state'],
  audit_log_action_type_known: ['actionType', 'is not a known audit action'],
  // Issue 14: revocations and the offline policy (the API's schemas refuse these first).
  devices_revoke_reason_check: ['reason', 'must be 1 to 500 characters'],
  users_access_revoke_reason_check: ['reason', 'must be 1 to 500 characters'],
  sync_policy_max_offline_days_check: ['maxOfflineDays', 'must be a whole number of days from 1 to 365'],
};

const camelCase = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** What a referencing column points at, for foreign keys named by convention. */
const referencedBy: Record<string, string> = {
  product_id: 'a product',
  user_id: 'a user',
  session_id: 'a session',
  comparison_id: 'a comparison',
  rate_history_id: 'a rate period',
  strategy_id: 'a crediting strategy',
};

/**
 * [field, reason] of a constraint named by the migrations' conventions, which most are, so the
 * table above lists only the rest: "<table>_<column>_not_blank" (a text column that must not be
 * blank) and "<table>_<column>_fkey" (PostgreSQL's own name for a column's foreign key).
 */
function byConvention(constraint: string, table: string | undefined): readonly [string, string] | undefined {
  if (table === undefined || !constraint.startsWith(`${table}_`)) return undefined;
  const [, column, suffix] = /^(.+)_(not_blank|fkey)$/.exec(constraint.slice(table.length + 1)) ?? [];
  if (column === undefined) return undefined;
  if (suffix === 'not_blank') return [camelCase(column), 'must not be blank'];
  const target = referencedBy[column];
  return target === undefined ? undefined : [camelCase(column), `does not match ${target}`];
}

/** The violation behind `error` (a pg DatabaseError, possibly wrapped as `cause`), or undefined. */
export function describeConstraintViolation(error: unknown): ConstraintViolation | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const pgError = current as Error & { code?: string; constraint?: string; table?: string; column?: string };
    const kind = pgError.code ? violationKinds[pgError.code as keyof typeof violationKinds] : undefined;
    if (kind) {
      const entry = pgError.constraint ? (known[pgError.constraint] ?? byConvention(pgError.constraint, pgError.table)) : undefined;
      if (kind === 'not_null') {
        const field = pgError.column ? camelCase(pgError.column) : undefined;
        return { kind, field, message: 'is required', constraint: undefined, table: pgError.table };
      }
      // The same foreign key also refuses a DELETE (or key change) of a row that others still
      // refer to; only the message tells the two apart (PostgreSQL reports in English unless
      // lc_messages is changed, which Aurora does not do by default).
      if (kind === 'foreign_key' && /^update or delete on table/.test(pgError.message)) {
        return { kind, field: undefined, message: 'is still referenced by other records', constraint: pgError.constraint, table: pgError.table };
      }
      return {
        kind,
        field: entry?.[0],
        message: entry?.[1] ?? `violates ${pgError.constraint ?? 'a constraint'}`,
        constraint: pgError.constraint,
        table: pgError.table,
      };
    }
    current = pgError.cause;
  }
  return undefined;
}
