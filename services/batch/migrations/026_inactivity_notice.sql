-- The inbox carries a second kind of message: the notice to an inactive account that it will be
-- erased unless its owner comes back (the user service's inactive-account-notice event;
-- docs/decisions/022-inactive-account-retention.md). Its text is the service's own (SYSTEM), and its
-- id is the event's, so a redelivered event finds it written.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('ENCOURAGEMENT', 'INACTIVITY_NOTICE'));
alter table notifications drop constraint notifications_source_check;
alter table notifications add constraint notifications_source_check check (source in ('AI', 'FALLBACK', 'SYSTEM'));
