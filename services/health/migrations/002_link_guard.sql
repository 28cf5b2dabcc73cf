-- The name on the account's profile, kept from user-registered / user-profile-changed so that a link
-- can be checked to be for the account's owner (name and birth date must match). Null until an event
-- that carries it arrives.
alter table profiles add column name text;

-- Link attempts that reached (or were about to reach) the aggregator, for the per-user hourly limit.
-- Each may have sent a push to a phone. Rows older than the window are pruned.
create table nhis_link_attempts (
  id uuid primary key,
  user_id text not null,
  attempted_at timestamptz not null
);
create index nhis_link_attempts_user on nhis_link_attempts (user_id, attempted_at);
