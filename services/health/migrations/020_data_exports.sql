-- "Download my data" (docs/decisions/021-download-my-data.md): one row per export a user asked for.
-- The row is written first (the request), then a worker in some replica claims it (claimed_until,
-- a lease: a replica that dies mid-build loses it and another takes the export over), builds the
-- ZIP into the exports container and marks it READY with its expiry. Times are the service clock's.
create table data_exports (
  id uuid primary key,
  user_id uuid not null,
  state text not null check (state in ('PENDING', 'READY', 'FAILED', 'EXPIRED')),
  created_at timestamptz not null,
  -- Build attempts so far (a claim counts, so a crash mid-build counts too).
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  claimed_until timestamptz,
  ready_at timestamptz,
  expires_at timestamptz,
  size_bytes bigint,
  -- The ZIP in the exports container while READY.
  blob_path text,
  -- Why the last attempt failed (kept when the export is FAILED; shown to the user).
  failure text,
  check ((state = 'READY') = (blob_path is not null))
);
-- One export in progress per user (a second request gets the pending one).
create unique index data_exports_one_pending on data_exports (user_id) where state = 'PENDING';
create index data_exports_user on data_exports (user_id, created_at desc);
create index data_exports_due on data_exports (next_attempt_at) where state = 'PENDING';
create index data_exports_expiry on data_exports (expires_at) where state in ('READY', 'EXPIRED', 'FAILED');

-- Reads made for an export are recorded like every other read, with their own purpose.
alter table access_audit drop constraint access_audit_purpose_check;
alter table access_audit add constraint access_audit_purpose_check
  check (purpose in ('USER_VIEW', 'AI_READING', 'AI_RECOMMENDATIONS', 'AI_CHAT', 'EXPORT'));
