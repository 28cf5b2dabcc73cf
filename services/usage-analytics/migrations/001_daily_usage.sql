-- AI usage per Seoul day, feature and model, built from the usage stream's AiModelCalled events.
-- No user id is kept: the aggregates say what the features cost, not who used them.
create table daily_usage (
  day date not null,
  feature text not null,
  model text not null,
  -- Model attempts (each retry is a request the API counted).
  requests bigint not null default 0,
  -- Attempts whose outcome was not SUCCESS.
  failed_requests bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  -- At the list price of the model when the event was recorded (usage_analytics/domain/pricing.py).
  estimated_cost_usd numeric(18, 6) not null default 0,
  -- Attempts of a model without a known price: counted, not costed.
  unpriced_requests bigint not null default 0,
  primary key (day, feature, model)
);

-- Every event id recorded, so a redelivered event is counted once. Kept longer than the stream
-- keeps events (Event Hubs: 7 days), then pruned by the service.
create table processed_events (
  event_id uuid primary key,
  day date not null,
  processed_at timestamptz not null default now()
);
create index processed_events_processed_at on processed_events (processed_at);
