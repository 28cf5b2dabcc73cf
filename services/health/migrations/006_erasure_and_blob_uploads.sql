-- Erasure that always completes (docs/decisions/013-erasure-always-completes.md): erased_users is
-- the tombstone and the pending erasure at once. Rows written before this migration were written
-- when the erasure had already run.
alter table erased_users
  add column completed_at timestamptz,
  add column attempts integer not null default 0,
  add column next_attempt_at timestamptz not null default now(),
  add column last_error text;
update erased_users set completed_at = erased_at, attempts = 1;
create index erased_users_pending on erased_users (next_attempt_at) where completed_at is null;

-- An import's raw payloads and result sheets, stored with its checkups in one transaction and moved to
-- Blob Storage afterwards (at once, or when Storage is back): a Storage outage never loses an import.
create table blob_uploads (
  path text primary key,
  user_id text not null,
  body bytea not null,
  content_type text not null,
  content_disposition text,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text
);
create index blob_uploads_user on blob_uploads (user_id);
create index blob_uploads_waiting on blob_uploads (created_at);

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
create index outbox_pending on outbox (seq) where published_at is null and parked_at is null;
create index outbox_aggregate on outbox (aggregate_id, seq);
create index outbox_published on outbox (published_at) where published_at is not null;
