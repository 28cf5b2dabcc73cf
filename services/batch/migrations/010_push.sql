-- Push notifications: the devices that receive the inbox's messages through Firebase Cloud
-- Messaging (iOS devices through FCM's APNs bridge), and each message's push progress. The inbox
-- stays the source of truth: a push that fails changes nothing in it. See
-- docs/decisions/019-push-notifications.md.

-- One row per account and device. A registration token is one app instance: it belongs to at
-- most one account and device (registering it elsewhere moves it).
create table push_devices (
  user_id uuid not null,
  -- The app's own id for the installation (stable across token refreshes).
  device_id text not null check (length(device_id) between 1 and 128),
  platform text not null check (platform in ('ANDROID', 'IOS')),
  token text not null check (length(token) between 1 and 4096),
  registered_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp(),
  primary key (user_id, device_id),
  constraint push_devices_token_once unique (token)
);

-- A message's push: PENDING until it is in the inbox (deliver_at) and push_next_at has passed,
-- CLAIMED by one replica while it is sent (until push_claim_expires_at), then SENT (to at least
-- one device), SKIPPED (OPTED_OUT, NO_DEVICES, STALE) or FAILED (with FCM's error code).
-- Messages written before push existed are NONE and never pushed.
alter table notifications
  add column push_state text not null default 'NONE'
    check (push_state in ('NONE', 'PENDING', 'CLAIMED', 'SENT', 'SKIPPED', 'FAILED')),
  add column push_next_at timestamptz,
  add column push_claimed_by text,
  add column push_claim_expires_at timestamptz,
  add column push_attempts integer not null default 0,
  add column push_reason text,
  add column pushed_at timestamptz;
alter table notifications alter column push_state set default 'PENDING';
create index notifications_push_queue on notifications (deliver_at) where push_state in ('PENDING', 'CLAIMED');
