-- Erasure that always completes (docs/decisions/013-erasure-always-completes.md): erased_users is the
-- tombstone and the pending erasure at once. Rows written before this migration were written when the
-- erasure had already run.
alter table erased_users
  add column completed_at timestamptz,
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column last_error text;
update erased_users set completed_at = erased_at, attempts = 1;
create index erased_users_pending on erased_users (next_attempt_at) where completed_at is null;

-- Dead letters name the user they concern (so an erasure can redact them) and, for a user-deleted,
-- the event that replayed it.
alter table dead_letters
  add column user_id text,
  add column replayed_as uuid;
update dead_letters set user_id = payload ->> 'userId';
create index dead_letters_user on dead_letters (user_id);
update dead_letters d set payload = '{"redacted": "account erased"}'
  where coalesce(original_topic, '') not in ('user-deleted', 'UserDeleted') and exists (select 1 from erased_users e where e.user_id::text = d.user_id);

-- The batch publishes too now: a dead-lettered user-deleted is published again (delayed) through its
-- own outbox (services/shared/src/outbox.ts).
create table outbox (
  id uuid primary key,
  seq bigint generated always as identity,
  topic text not null,
  event_type text,
  payload jsonb not null,
  aggregate_id text,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  published_at timestamptz,
  parked_at timestamptz,
  attempts integer not null default 0,
  strikes integer not null default 0,
  last_attempt_at timestamptz,
  last_error text
);
create index outbox_pending on outbox (seq) where published_at is null and parked_at is null;
create index outbox_aggregate on outbox (aggregate_id, seq);
create index outbox_published on outbox (published_at) where published_at is not null;
