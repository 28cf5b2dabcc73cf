-- The outbox relay keeps the order of each aggregate's events (the user), parks a row that keeps
-- failing so the rows behind it go on, retries with a back-off, and deletes published rows after a
-- retention window (services/shared/src/outbox.ts, docs/decisions/013-erasure-always-completes.md).
alter table outbox
  add column seq bigint generated always as identity,
  add column aggregate_id text,
  add column available_at timestamptz not null default now(),
  add column parked_at timestamptz,
  add column strikes integer not null default 0,
  add column last_attempt_at timestamptz;
update outbox set aggregate_id = payload ->> 'userId';
drop index outbox_pending;
create index outbox_pending on outbox (seq) where published_at is null and parked_at is null;
create index outbox_aggregate on outbox (aggregate_id, seq);
create index outbox_published on outbox (published_at) where published_at is not null;

-- Refresh tokens are deleted with the account now; those of accounts deleted before go too.
delete from refresh_tokens where user_id in (select id from users where status = 'DELETED');
-- So do the profile events of accounts deleted before (they carry name and birth date).
delete from outbox where topic <> 'user-deleted' and aggregate_id in (select id::text from users where status = 'DELETED');
