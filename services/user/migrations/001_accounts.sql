-- Accounts, found by the identity provider's (issuer, subject). A deleted account keeps
-- its row without personal data, so signing in again creates a new account.
create table users (
  id uuid primary key,
  issuer text not null,
  subject text not null,
  email text,
  email_verified boolean not null default false,
  name text,
  picture text,
  birth_date date,
  sex char(1) check (sex in ('M', 'F')),
  occupation text,
  status text not null check (status in ('PENDING', 'ACTIVE', 'DELETED')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index users_identity_live on users (issuer, subject) where status <> 'DELETED';

-- Opaque refresh tokens, stored as SHA-256 hashes. Tokens of one sign-in form a family;
-- each use rotates to a new token, and presenting a used token revokes the family.
create table refresh_tokens (
  id uuid primary key,
  family_id uuid not null,
  user_id uuid not null references users (id),
  token_hash bytea not null unique,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id);

create table outbox (
  id uuid primary key,
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_pending on outbox (created_at) where published_at is null;
