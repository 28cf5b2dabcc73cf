-- Who read a user's health data: every read of checkups (by the user, by another service such
-- as intelligence for an AI reading, or by an operator) is one row here, kept apart from the data
-- it is about. Append-only: scripts/migrate.mjs grants the service's role INSERT and SELECT on
-- this table and nothing else (scripts/lib/databases.mjs `appendOnly`). No health values are
-- stored here, only what was read, by whom, when and why.
create table access_audit (
  id bigint generated always as identity primary key,
  -- Whose data was read.
  user_id uuid not null,
  accessor_kind text not null check (accessor_kind in ('USER', 'SERVICE', 'OPERATOR')),
  -- The user's own id, the calling app's id, or the operator's id.
  accessor text not null check (length(accessor) between 1 and 100),
  resource text not null check (resource in ('CHECKUP_LIST', 'CHECKUP', 'CHECKUP_DOCUMENT', 'LATEST_CHECKUP', 'TRENDS', 'LATEST_JUDGED')),
  resource_id uuid,
  purpose text not null check (purpose in ('USER_VIEW', 'AI_READING', 'AI_RECOMMENDATIONS', 'AI_CHAT')),
  -- The service's clock (the runtime's; tests set it).
  accessed_at timestamptz not null
);
create index access_audit_by_user on access_audit (user_id, id desc);
create index access_audit_by_time on access_audit (accessed_at);

-- Retention: access records of a system that processes sensitive information are kept for two
-- years (docs/reference/pipa.md), then destroyed. The service's role cannot DELETE; it may run
-- this function, which removes only rows past that period (it runs as the migrations' role).
create function purge_expired_access_audit() returns integer
  language sql security definer set search_path = health_service, pg_temp
as $$
  with gone as (delete from health_service.access_audit where accessed_at < now() - interval '2 years' returning 1)
  select count(*)::integer from gone
$$;
revoke all on function purge_expired_access_audit() from public;
