// Users come from Okta (okta_user_id is the token's `sub`). Rows are never deleted (retention is
// unlimited and audit rows refer to them), so foreign keys to users are RESTRICT.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      user_id uuid NOT NULL DEFAULT gen_random_uuid(),
      okta_user_id varchar(255) NOT NULL,
      email varchar(255) NOT NULL,
      first_name varchar(100) NOT NULL DEFAULT '',
      last_name varchar(100) NOT NULL DEFAULT '',
      is_active boolean NOT NULL DEFAULT true,
      last_login timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_pkey PRIMARY KEY (user_id),
      CONSTRAINT users_okta_user_id_key UNIQUE (okta_user_id),
      CONSTRAINT users_email_key UNIQUE (email),
      CONSTRAINT users_okta_user_id_not_blank CHECK (btrim(okta_user_id) <> ''),
      CONSTRAINT users_email_format CHECK (email ~ '^[^@\\s]+@[^@\\s]+$')
    )`.execute(db);
  await sql`
    CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at()`.execute(db);

  // Roles are granted from Okta groups. The server has no DELETE right anywhere, so a role removed in
  // Okta is revoked by setting revoked_at; granting it again clears it (UNIQUE(user_id, role_name)
  // keeps one row per pair, and its leading user_id column serves the foreign key).
  await sql`
    CREATE TABLE user_roles (
      user_role_id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      role_name varchar(100) NOT NULL,
      okta_group_name varchar(255) NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      assigned_by varchar(255) NOT NULL,
      revoked_at timestamptz NULL,
      revoked_by varchar(255) NULL,
      CONSTRAINT user_roles_pkey PRIMARY KEY (user_role_id),
      CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (user_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT user_roles_user_id_role_name_key UNIQUE (user_id, role_name),
      CONSTRAINT user_roles_role_name_known CHECK (role_name IN ('sales_rep', 'admin', 'compliance'))
    )`.execute(db);

  // jwt_token_hash is the SHA-256 of the token in lowercase hex: the token itself is a bearer
  // credential and must never be stored, which the format check makes hard to get wrong.
  await sql`
    CREATE TABLE user_sessions (
      session_id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      okta_session_id varchar(255) NULL,
      jwt_token_hash char(64) NOT NULL,
      ip_address inet NULL,
      user_agent text NULL,
      login_time timestamptz NOT NULL DEFAULT now(),
      last_activity timestamptz NOT NULL DEFAULT now(),
      logout_time timestamptz NULL,
      expires_at timestamptz NOT NULL,
      is_active boolean NOT NULL DEFAULT true,
      CONSTRAINT user_sessions_pkey PRIMARY KEY (session_id),
      CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (user_id) ON DELETE RESTRICT ON UPDATE RESTRICT,
      CONSTRAINT user_sessions_jwt_token_hash_format CHECK (jwt_token_hash ~ '^[0-9a-f]{64}$'),
      CONSTRAINT user_sessions_logout_not_before_login CHECK (logout_time IS NULL OR logout_time >= login_time),
      CONSTRAINT user_sessions_expires_after_login CHECK (expires_at > login_time)
    )`.execute(db);
  // (user_id, last_activity DESC) serves the foreign key and "sessions of a user, latest first";
  // the partial indexes replace the seed's standalone boolean index on is_active.
  await sql`CREATE INDEX user_sessions_user_id_last_activity_idx ON user_sessions (user_id, last_activity DESC)`.execute(db);
  await sql`CREATE INDEX user_sessions_active_user_id_idx ON user_sessions (user_id) WHERE is_active`.execute(db);
  await sql`CREATE INDEX user_sessions_active_expires_at_idx ON user_sessions (expires_at) WHERE is_active`.execute(db);
  await sql`CREATE INDEX user_sessions_jwt_token_hash_idx ON user_sessions (jwt_token_hash)`.execute(db);
}
