-- Celebrations (the goal service's `celebration-earned` events) become inbox messages, pushed
-- like every other (docs/decisions/023). One message per event: a redelivered event finds its
-- message by `source_event_id` and writes nothing.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('ENCOURAGEMENT', 'INACTIVITY_NOTICE', 'CELEBRATION'));
alter table notifications add column source_event_id uuid;
create unique index notifications_one_per_event on notifications (source_event_id) where source_event_id is not null;
