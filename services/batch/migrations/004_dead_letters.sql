-- Events that no subscriber could handle after Dapr's delivery retries, from every service
-- (each subscription names the `dead-letters` topic). Kept for operators to inspect and replay.
create table dead_letters (
  event_id text primary key,
  original_topic text,
  source text,
  payload jsonb not null,
  received_at timestamptz not null default now()
);
create index dead_letters_received on dead_letters (received_at desc);
