-- Retention of inactive accounts (docs/decisions/022-inactive-account-retention.md).
-- last_active_at: the last sign-in or session refresh (not every request: a session refreshes its
-- access token every few minutes while the app is used, so this is exact to that). Existing accounts
-- start from their newest refresh token, or their last change.
-- retention_notice_at: when the notice of the coming erasure was published (null: none pending);
-- activity clears it. deletion_reason: why a DELETED account was erased.
alter table users
  add column last_active_at timestamptz,
  add column retention_notice_at timestamptz,
  add column deletion_reason text check (deletion_reason in ('SELF_SERVICE', 'RETENTION'));
update users u set last_active_at = greatest(u.updated_at, (select max(t.issued_at) from refresh_tokens t where t.user_id = u.id));
update users set deletion_reason = 'SELF_SERVICE' where status = 'DELETED';
alter table users alter column last_active_at set not null, alter column last_active_at set default now();
-- The daily job's two questions: who is due for a notice, and who for erasure.
create index users_retention on users (last_active_at) where status <> 'DELETED';
