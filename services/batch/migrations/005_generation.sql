-- The morning's texts generated ahead of delivery through the Message Batches API (via the
-- intelligence service). A user planned PENDING is put in a generation chunk (GENERATING), gets
-- a prepared text when the chunk's results are in (PREPARED), and is delivered at the delivery
-- time (SENT, through the usual CLAIMED step). See services/batch/README.md.
alter table deliveries drop constraint deliveries_state_check;
alter table deliveries add constraint deliveries_state_check
  check (state in ('PENDING', 'GENERATING', 'PREPARED', 'CLAIMED', 'SENT', 'SKIPPED', 'FAILED'));
alter table deliveries
  add column chunk_id uuid,
  add column prepared_text text,
  add column prepared_source text check (prepared_source in ('AI', 'FALLBACK')),
  -- Why a prepared text is a fallback: the intelligence service's reason, or GENERATION_LATE.
  add column prepared_reason text;
create index deliveries_generation on deliveries (run_date, state, urgency desc, user_id) where state in ('GENERATING', 'PREPARED');
create index deliveries_chunk on deliveries (chunk_id) where chunk_id is not null;

-- One message batch of a day's generation. Its id is the intelligence service's batch id, written
-- here before the first request is sent, so a restarted or second replica adds to and submits
-- the same batch instead of a new one.
create table generation_chunks (
  id uuid primary key,
  run_date date not null,
  -- FILLING: users assigned, requests being added or submitted; SUBMITTED: the provider has it;
  -- COLLECTED: its texts are in `deliveries`.
  state text not null check (state in ('FILLING', 'SUBMITTED', 'COLLECTED')),
  user_count integer not null,
  provider_batch_id text,
  created_by text not null,
  created_at timestamptz not null default now(),
  submitted_at timestamptz,
  collected_at timestamptz,
  -- The intelligence service's tallies (succeeded, errored, expired, canceled, ai, fallback).
  counts jsonb
);
create index generation_chunks_open on generation_chunks (run_date, created_at) where state <> 'COLLECTED';
