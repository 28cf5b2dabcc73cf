-- Refresh-token rotation that survives a lost answer: the pair a token was exchanged for,
-- sealed under a key derived from that token (services/user/src/domain/refresh.ts), and the
-- token it became, to tell whether the new pair has been used since.
alter table refresh_tokens add column successor_id uuid;
alter table refresh_tokens add column successor_sealed bytea;
