-- Withdrawing the HEALTH_DATA consent destroys the AI readings and recommendations made from the checkups
-- without delay (the user service's consent-withdrawn event; PIPA art. 21 and 37). One row per user:
-- the latest withdrawal handled, recorded before anything is destroyed, and the destruction's progress
-- (retried by a sweeper until every step succeeded: services/shared/src/withdrawal-purge.ts).
create table health_data_withdrawals (
  user_id text primary key,
  withdrawn_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  completed_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index health_data_withdrawals_pending on health_data_withdrawals (next_attempt_at) where completed_at is null;
