-- Celebrations become inbox messages (and pushes) in the batch service: each is announced once,
-- with its final text, as a `celebration-earned` event (docs/decisions/023). A check-off that
-- earns one stores it with the fallback text and `announce_after` (the service clock plus the
-- AI's time limit and a margin); the AI's text, or a sweeper once `announce_after` has passed
-- (the service died meanwhile), announces it. Celebrations made before this change are not
-- announced.
alter table celebrations
  add column announce_after timestamptz,
  add column announced_at timestamptz;
update celebrations set announced_at = created_at where announced_at is null;
create index celebrations_unannounced on celebrations (announce_after) where announced_at is null;
