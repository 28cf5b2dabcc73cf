-- Short messages written in bulk through Anthropic's Message Batches API (the batch service's
-- morning nudges). A batch is the caller's unit of work, keyed by the caller's id so that a
-- caller that restarts adds to and submits the same batch instead of a second one.
create table message_batches (
  id uuid primary key,
  kind text not null check (kind in ('NUDGE', 'CELEBRATION')),
  -- OPEN: requests being added; SUBMITTING: the create call is under way (a crash here is the one
  -- window in which a retry may create a second provider batch); IN_PROGRESS; COLLECTED: results stored.
  status text not null check (status in ('OPEN', 'SUBMITTING', 'IN_PROGRESS', 'COLLECTED')),
  provider_batch_id text unique,
  model text not null,
  prompt_version text not null,
  request_count integer not null default 0,
  -- The provider's request_counts once processing ended.
  counts jsonb,
  created_at timestamptz not null default now(),
  submitted_at timestamptz,
  ended_at timestamptz,
  collected_at timestamptz
);
create index message_batches_open on message_batches (created_at) where status <> 'COLLECTED';

-- One request of a batch: whose, with which facts (the answer is validated against them), and,
-- once collected, the text (AI, or the rule-based FALLBACK with the reason).
create table message_batch_items (
  batch_id uuid not null references message_batches (id) on delete cascade,
  custom_id text not null check (custom_id ~ '^[a-zA-Z0-9_-]{1,64}$'),
  user_id text not null,
  facts jsonb not null,
  outcome text check (outcome in ('succeeded', 'errored', 'expired', 'canceled')),
  text text,
  source text check (source in ('AI', 'FALLBACK')),
  fallback_reason text,
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  primary key (batch_id, custom_id)
);
create index message_batch_items_user on message_batch_items (user_id);
