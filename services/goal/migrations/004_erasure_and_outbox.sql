-- Erasure that always completes (docs/decisions/013-erasure-always-completes.md): one row per erased
-- account, written first when user-deleted arrives. It is the tombstone that refuses the user's writes
-- (even with a still-valid token) and the pending erasure the sweeper finishes after any outage.
create table erased_users (
  user_id uuid primary key,
  erased_at timestamptz not null default now(),
  completed_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index erased_users_pending on erased_users (next_attempt_at) where completed_at is null;
-- Redeliveries of user-deleted were recognised by event id; erased_users recognises them by account now.
drop table processed_events;

-- The outbox relay keeps the order of each user's events, parks a row that keeps failing so the rows
-- behind it go on, retries with a back-off, and deletes published rows after a retention window.
alter table outbox
  add column seq bigint generated always as identity,
  add column aggregate_id text,
  add column available_at timestamptz not null default now(),
  add column parked_at timestamptz,
  add column strikes integer not null default 0,
  add column last_attempt_at timestamptz;
update outbox set aggregate_id = payload ->> 'userId';
drop index outbox_pending;
drop index outbox_user;
create index outbox_pending on outbox (seq) where published_at is null and parked_at is null;
create index outbox_aggregate on outbox (aggregate_id, seq);
create index outbox_published on outbox (published_at) where published_at is not null;
