-- Erasure that always completes (docs/decisions/013-erasure-always-completes.md): one row per erased
-- account, written first when user-deleted arrives (before the cache is touched). It is the tombstone
-- that refuses the user's writes (even with a still-valid token) and the pending erasure the sweeper
-- finishes after any outage (Redis, PostgreSQL).
create table erased_users (
  user_id text primary key,
  erased_at timestamptz not null default now(),
  completed_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index erased_users_pending on erased_users (next_attempt_at) where completed_at is null;
