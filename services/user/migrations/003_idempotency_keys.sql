-- Safe retries: the first answer to a request sent with an Idempotency-Key, replayed to a
-- retry with the same key for 24 hours (services/shared/src/idempotency.ts). Erased with
-- the user; older rows are pruned.
create table idempotency_keys (
  user_id text not null,
  key text not null,
  fingerprint text not null,
  state text not null check (state in ('in_progress', 'completed')),
  claimed_at timestamptz not null,
  status integer,
  headers jsonb,
  body bytea,
  primary key (user_id, key)
);
create index idempotency_keys_claimed_at on idempotency_keys (claimed_at);
