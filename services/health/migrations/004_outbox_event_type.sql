-- The CloudEvent type of each outbox event (its contract's name and version, e.g.
-- healthsync.goal.mission-completed.v1), recorded when the event is written so a row relayed
-- after a version change keeps the type it was written as. Rows from before have none: the
-- relay then uses the topic's current contract.
alter table outbox add column event_type text;
