-- Profile facts the judging needs, kept from user-registered / user-profile-changed events (no name,
-- email or phone). occurred_at orders out-of-order deliveries: an older event never overwrites a newer one.
create table profiles (
  user_id text primary key,
  birth_date date,
  sex char(1) check (sex in ('M', 'F')),
  occupation text,
  occurred_at timestamptz not null,
  updated_at timestamptz not null default now()
);

-- Users whose data was erased (user-deleted). A late profile event for them is ignored. User ids are
-- never reused (a new sign-up gets a new id), so this holds no personal data.
create table erased_users (
  user_id text primary key,
  erased_at timestamptz not null default now()
);

-- One attempt to link NHIS results through the aggregator's two-step simple authentication.
-- request and two_way hold the identity (name, birth date, phone) and the provider's session for the
-- few minutes the approval takes; both are erased as soon as the link closes.
create table nhis_links (
  id uuid primary key,
  user_id text not null,
  state text not null check (state in ('PENDING_APPROVAL', 'IMPORTED', 'EXPIRED', 'DENIED', 'FAILED')),
  reason text,
  provider text not null,
  request jsonb,
  two_way jsonb,
  expires_at timestamptz not null,
  -- Set while one request is confirming with the provider, so two concurrent completes do not both call it.
  completing_until timestamptz,
  new_checkup_ids uuid[] not null default '{}',
  existing_checkups integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  check ((state = 'PENDING_APPROVAL') = (closed_at is null)),
  check (state = 'PENDING_APPROVAL' or (request is null and two_way is null))
);
create index nhis_links_user on nhis_links (user_id, created_at desc);
create index nhis_links_pending on nhis_links (expires_at) where state = 'PENDING_APPROVAL';

-- The provider's own reference rows (resReferenceList: units and NHIS's printed boundaries per grade),
-- stored as sent with each import so our criteria table can be cross-checked against them.
create table nhis_reference_rows (
  link_id uuid not null references nhis_links (id) on delete cascade,
  position integer not null,
  user_id text not null,
  row_type text not null,
  cells jsonb not null,
  primary key (link_id, position)
);
create index nhis_reference_rows_user on nhis_reference_rows (user_id);

-- One general health checkup, normalised to the canonical record (nhis.md §4.5). A null value means
-- "not tested that cycle", never a default. Units of the measured values are in `units`.
create table checkups (
  id uuid primary key,
  user_id text not null,
  source text not null default 'NHIS',
  -- Identifies the checkup at the source (exam date and checkup type): importing twice stores it once.
  source_key text not null,
  link_id uuid references nhis_links (id) on delete set null,
  exam_year integer not null,
  exam_date date,
  checkup_type text,
  organization_name text,
  height_cm numeric(5, 1),
  weight_kg numeric(5, 1),
  bmi numeric(4, 1),
  waist_cm numeric(5, 1),
  sbp smallint,
  dbp smallint,
  -- Decimal acuity as printed ("1.0"), or BLIND.
  vision_left text,
  vision_right text,
  hearing_left text check (hearing_left in ('NORMAL', 'ABNORMAL')),
  hearing_right text check (hearing_right in ('NORMAL', 'ABNORMAL')),
  fasting_glucose numeric(6, 1),
  total_cholesterol numeric(6, 1),
  hdl_cholesterol numeric(6, 1),
  ldl_cholesterol numeric(6, 1),
  triglycerides numeric(7, 1),
  hemoglobin numeric(4, 1),
  -- Dipstick ordinal: 1 음성(−), 2 약양성(±), 3 +1 … 6 +4.
  urine_protein smallint check (urine_protein between 1 and 6),
  serum_creatinine numeric(5, 2),
  egfr numeric(5, 1),
  egfr_method text check (egfr_method in ('REPORTED', 'CKD_EPI_2021')),
  ast numeric(6, 1),
  alt numeric(6, 1),
  gamma_gtp numeric(6, 1),
  chest_xray text check (chest_xray in ('NORMAL', 'INACTIVE_TB', 'OTHER_FINDING')),
  bone_density_t_score numeric(3, 1),
  bone_density_finding text check (bone_density_finding in ('NORMAL', 'OSTEOPENIA', 'OSTEOPOROSIS')),
  smoking text check (smoking in ('NEVER', 'FORMER', 'CURRENT')),
  drinks boolean,
  -- 종합판정 and 소견 exactly as the provider printed them.
  reported_judgement text,
  opinion text,
  units jsonb not null default '{}',
  -- Values present on the sheet that could not be used (unreadable, implausible, unexpected unit).
  rejected_values jsonb not null default '[]',
  raw_blob text,
  document_blob text,
  imported_at timestamptz not null default now(),
  unique (user_id, source, source_key)
);
create index checkups_history on checkups (user_id, exam_year desc, exam_date desc nulls last);

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
