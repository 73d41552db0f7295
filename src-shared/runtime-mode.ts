// Production mode, read one way everywhere: the API server's settings, its Okta settings, the
// development identity provider's guard and the desktop. A value that one reader takes for
// production and another does not would switch some production checks on and others off, so
// ` Production ` and `PRODUCTION` count as production wherever they are read.

/** The variables that can say "production"; the first that does is named in messages. */
export const PRODUCTION_VARIABLES = ['NODE_ENV', 'RATEDESK_ENV'] as const;
export type ProductionVariable = (typeof PRODUCTION_VARIABLES)[number];

/** Whether one variable's value means production (trimmed, any letter case). */
export function meansProduction(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'production';
}

/** The first variable of `env` that says production, or undefined when none does. */
export function productionVariable(env: Readonly<Record<string, string | undefined>>): ProductionVariable | undefined {
  return PRODUCTION_VARIABLES.find((name) => meansProduction(env[name]));
}

/** Production mode: NODE_ENV or RATEDESK_ENV set to production. */
export function isProductionEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return productionVariable(env) !== undefined;
}
