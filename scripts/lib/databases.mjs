// The services that own a PostgreSQL schema, and the role each one connects as. One role per
// schema: a service's role may read and write only its own schema's tables (scripts/migrate.mjs
// grants and revokes accordingly), so a bug or a breach in one service cannot touch another's
// data. No dependencies: set-up reads this before `npm ci` has run.

/**
 * Service name → its schema (the `dbSchema` of its definition) and its role. `appendOnly`: tables
 * the role may only INSERT into and SELECT from (no UPDATE, DELETE or TRUNCATE): audit records.
 */
export const DATABASES = Object.freeze({
  user: { schema: 'user_service', role: 'healthsync_user' },
  // access_audit: who read whose health data (docs/decisions/020-consents-and-access-audit.md).
  health: { schema: 'health_service', role: 'healthsync_health', appendOnly: ['access_audit'] },
  goal: { schema: 'goal_service', role: 'healthsync_goal' },
  intelligence: { schema: 'intelligence_service', role: 'healthsync_intelligence' },
  batch: { schema: 'batch_service', role: 'healthsync_batch' },
  // The Python service (services/usage-analytics): its migrations are plain SQL files too.
  'usage-analytics': { schema: 'usage_analytics_service', role: 'healthsync_usage_analytics' },
});

/**
 * The secret holding a service's connection string, as its role (the same name
 * services/shared's `databaseSecretName` reads through the secret store).
 */
export const databaseSecretName = (service) => `postgres-url-${service}`;

/** The environment variable `npm run migrate` reads a service's connection string from outside the local set-up. */
export const databaseUrlVariable = (service) => `POSTGRES_URL_${service.toUpperCase().replaceAll('-', '_')}`;
