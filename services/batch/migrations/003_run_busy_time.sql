-- A day's run is every trigger of that day: its duration is the time its passes spent
-- working (summed), and completed_at becomes the last time a pass left the queue empty
-- (null while users wait), no longer only the first.
alter table runs add column busy_ms bigint not null default 0;
