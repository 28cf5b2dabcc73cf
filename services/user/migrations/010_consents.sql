-- Consent decisions under PIPA (docs/reference/pipa.md): every grant and withdrawal as its own
-- row, never changed afterwards (the code only inserts); the state in force is derived from the
-- latest row per purpose. Erased with the account (services/user/src/handlers/accounts.ts).
create table consent_events (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id),
  purpose text not null check (purpose in ('HEALTH_DATA', 'AI_OVERSEAS_TRANSFER')),
  action text not null check (action in ('GRANT', 'WITHDRAW')),
  -- The notice's version the user saw (its date); kept on a withdrawal too.
  version text not null check (version ~ '^\d{4}-\d{2}-\d{2}$'),
  channel text not null check (channel in ('APP', 'WEB')),
  recorded_at timestamptz not null
);
create index consent_events_by_user on consent_events (user_id, id desc);
