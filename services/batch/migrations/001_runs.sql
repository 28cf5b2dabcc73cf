-- One row per daily encouragement run (a KST calendar day). The cron binding may fire on
-- every replica and many times a day; the primary key makes the day's run unique.
create table runs (
  run_date date primary key,
  first_triggered_at timestamptz not null default now(),
  last_triggered_at timestamptz not null default now(),
  trigger_count integer not null default 1
);
