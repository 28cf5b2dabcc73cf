-- Tokens reserved by model calls in flight: a call reserves what it may spend at most before it
-- starts, only while used + reserved stays within the daily budget (one conditional upsert, so
-- parallel calls cannot together overrun it), and gives back the unused part when it ends.
alter table token_usage add column reserved_tokens bigint not null default 0 check (reserved_tokens >= 0);

-- Chat answers being streamed, per user, for the cap on concurrent streams. A row is removed when its
-- stream ends; expires_at (after the stream deadline) frees the slot if the process died mid-stream.
create table chat_streams (
  id uuid primary key,
  user_id text not null,
  started_at timestamptz not null,
  expires_at timestamptz not null
);
create index chat_streams_user on chat_streams (user_id, expires_at);
