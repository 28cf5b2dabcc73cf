-- Chat sessions belong to one user; the id is ours (never client-supplied), so a session can
-- only be read or continued by its owner.
create table chat_sessions (
  id uuid primary key,
  user_id text not null,
  title text,
  created_at timestamptz not null default now(),
  last_message_at timestamptz
);
create index chat_sessions_user on chat_sessions (user_id, created_at desc);

-- One row per turn. seq orders the turns of a session and is the history page cursor.
create table chat_messages (
  id uuid primary key,
  seq bigint generated always as identity,
  session_id uuid not null references chat_sessions (id) on delete cascade,
  user_id text not null,
  role text not null check (role in ('user', 'assistant')),
  content text not null,
  -- Assistant turns only: where the answer came from and why it is a fallback.
  source text check (source in ('AI', 'FALLBACK')),
  fallback_reason text,
  -- CARDIAC, STROKE or SELF_HARM when the user's message described an emergency.
  emergency text,
  suggested_questions jsonb,
  created_at timestamptz not null default now()
);
create index chat_messages_session on chat_messages (session_id, seq desc);
create index chat_messages_user on chat_messages (user_id);

-- Mission recommendations, kept so the goal service can check that a selection was really
-- recommended to this user. The newest set of a user is the current one.
create table recommendation_sets (
  id uuid primary key,
  user_id text not null,
  reason text not null,
  source text not null check (source in ('AI', 'FALLBACK')),
  fallback_reason text,
  prompt_version text not null,
  facts_hash text not null,
  created_at timestamptz not null default now()
);
create index recommendation_sets_user on recommendation_sets (user_id, created_at desc);

create table recommended_missions (
  id uuid primary key,
  set_id uuid not null references recommendation_sets (id) on delete cascade,
  user_id text not null,
  position integer not null,
  title text not null,
  description text not null,
  category text not null check (category in ('exercise', 'diet', 'sleep', 'stress', 'lifestyle')),
  difficulty text not null check (difficulty in ('easy', 'medium', 'hard')),
  minutes integer not null check (minutes between 15 and 30),
  benefit text not null,
  occupation_fit text not null,
  target_items text[] not null default '{}',
  unique (set_id, position)
);
create index recommended_missions_user on recommended_missions (user_id);

-- The keys of AI answers cached in the state store, per user, so they can be dropped when a new
-- checkup is imported or the user is deleted (the keys hold a hash of the facts, not guessable).
create table cached_answers (
  user_id text not null,
  cache_key text not null,
  feature text not null,
  created_at timestamptz not null default now(),
  primary key (user_id, cache_key)
);

-- Tokens spent per user and day (Asia/Seoul), for the daily budget.
create table token_usage (
  user_id text not null,
  day date not null,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  calls integer not null default 0,
  primary key (user_id, day)
);
