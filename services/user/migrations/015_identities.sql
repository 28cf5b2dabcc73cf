-- The sign-in identities of an account: (issuer, subject) of every OpenID Connect provider the
-- person has signed in with or linked (Google, and by configuration Kakao or Apple). An identity
-- belongs to one live account at a time; deleting the account deletes its identities, so the
-- same person starts afresh. users.issuer/subject stay as the identity the account began with.
create table identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users (id),
  linked_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index identities_user on identities (user_id);

insert into identities (issuer, subject, user_id, linked_at)
select issuer, subject, id, created_at from users where status <> 'DELETED'
on conflict do nothing;
