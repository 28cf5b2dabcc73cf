-- The daily encouragement: the batch's own view of who is active (built from the goal
-- service's events), the in-app inbox, the users' notification preferences, and one decision
-- per user and day's run. See services/batch/README.md.

-- Who is active, as the goal events say. One row per user the goal service told us about.
create table activity_users (
  user_id uuid primary key,
  -- The set in force (started, not ended); null when the user has no active missions.
  active_goal_set_id text,
  active_mission_count integer not null default 0,
  -- The last Seoul day with a check-off (kept up by MissionCompleted / MissionUndone).
  last_activity_on date,
  -- When anything about the user last changed here; a run re-plans only changed users.
  changed_at timestamptz not null default now()
);
create index activity_users_active on activity_users (user_id) where active_goal_set_id is not null;
create index activity_users_changed on activity_users (changed_at);

-- A user's mission sets. Events can arrive out of order, so a set's end may be known before
-- its start (started_on null until its GoalSet arrives).
create table activity_sets (
  goal_set_id text primary key,
  user_id uuid not null,
  started_on date,
  -- The set counts up to, not including, this day (replaced or reset).
  ended_on date,
  -- [{missionId, title, category, difficulty, minutes}] as the GoalSet event named them.
  missions jsonb not null default '[]',
  mission_count integer not null default 0
);
create index activity_sets_user on activity_sets (user_id);

-- A day's totals over all missions scheduled that day, as the newest check-off event said.
create table activity_days (
  user_id uuid not null,
  day date not null,
  scheduled integer not null,
  completed integer not null,
  -- occurredAt of the event the totals come from: an older event never overwrites a newer one.
  as_of timestamptz not null,
  primary key (user_id, day)
);

-- Users whose data was erased (UserDeleted): late goal events for them are ignored.
create table erased_users (
  user_id uuid primary key,
  erased_at timestamptz not null default now()
);

-- Notification preferences. No row: the defaults (not opted out, quiet 22:00–08:00 KST).
-- A row without quiet hours (both null) means the user wants none.
create table preferences (
  user_id uuid primary key,
  opted_out boolean not null,
  quiet_start_minute smallint check (quiet_start_minute between 0 and 1439),
  quiet_end_minute smallint check (quiet_end_minute between 0 and 1439),
  updated_at timestamptz not null default now(),
  check ((quiet_start_minute is null) = (quiet_end_minute is null)),
  check (quiet_start_minute is null or quiet_start_minute <> quiet_end_minute)
);
create index preferences_updated on preferences (updated_at);

-- The in-app inbox. A message waits (is not shown) until deliver_at: the end of quiet hours.
create table notifications (
  id uuid primary key,
  user_id uuid not null,
  kind text not null check (kind in ('ENCOURAGEMENT')),
  text text not null,
  source text not null check (source in ('AI', 'FALLBACK')),
  -- The daily run that wrote it. At most one message per user and day's run, whichever
  -- replica or retry writes it: the database refuses a second.
  run_date date,
  created_at timestamptz not null default now(),
  deliver_at timestamptz not null,
  read_at timestamptz,
  constraint notifications_one_per_user_and_run unique (run_date, user_id)
);
create index notifications_inbox on notifications (user_id, deliver_at desc, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;

-- One decision per user and day's run: planned (PENDING), being worked on by a replica
-- (CLAIMED until claim_expires_at), or final (SENT, SKIPPED with a reason, FAILED).
-- Claims make replicas share the work; an expired claim (its replica died) is taken over.
create table deliveries (
  run_date date not null,
  user_id uuid not null,
  state text not null check (state in ('PENDING', 'CLAIMED', 'SENT', 'SKIPPED', 'FAILED')),
  -- SKIPPED: OPTED_OUT, ON_TRACK, NEW_GOAL, DONE_TODAY; SENT: DEFERRED (quiet hours) or
  -- ALREADY_SENT; FAILED: ERROR or GAVE_UP.
  reason text,
  -- Higher first; see domain/selection.ts.
  urgency double precision not null default 0,
  -- The progress facts the decision and the text were based on.
  facts jsonb,
  claimed_by text,
  -- For CLAIMED: when another replica may take over; for FAILED: when it may be retried.
  claim_expires_at timestamptz,
  attempts integer not null default 0,
  text_source text check (text_source in ('AI', 'FALLBACK')),
  notification_id uuid,
  deliver_at timestamptz,
  planned_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (run_date, user_id)
);
create index deliveries_queue on deliveries (run_date, urgency desc, user_id) where state in ('PENDING', 'CLAIMED', 'FAILED');
create index deliveries_user on deliveries (user_id);

-- The day's run: when its users were last planned and when its work was first finished.
alter table runs
  add column planned_at timestamptz,
  add column started_at timestamptz,
  add column completed_at timestamptz,
  add column passes integer not null default 0,
  add column last_pass_at timestamptz;
