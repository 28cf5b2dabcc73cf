-- Goals: a mission catalogue, each user's sets of chosen missions (with history), daily
-- check-offs, streak celebrations, and the event outbox. All days are Asia/Seoul calendar
-- days computed by the service (never the database's or server's time zone).

-- Missions anyone may choose, beside the missions the AI recommends to a user.
create table mission_catalogue (
  id text primary key,
  title text not null,
  description text not null,
  category text not null check (category in ('exercise', 'diet', 'sleep', 'stress', 'lifestyle')),
  difficulty text not null check (difficulty in ('easy', 'medium', 'hard')),
  minutes integer not null check (minutes between 1 and 120),
  benefit text not null,
  position integer not null,
  -- A retired mission stays for history but can no longer be chosen.
  retired_at timestamptz
);

-- One row per user with goal data: locked by every write (so one user's writes run one at a
-- time) and versioned (the version is part of the today-view cache key).
create table user_progress (
  user_id uuid primary key,
  version bigint not null default 0,
  updated_at timestamptz not null default now()
);

-- A set of 1–5 missions the user chose. Choosing again replaces the active set (REPLACED);
-- a reset ends it without a successor (RESET). Ended sets are the user's history.
create table goal_sets (
  id uuid primary key,
  user_id uuid not null,
  status text not null check (status in ('ACTIVE', 'REPLACED', 'RESET')),
  started_on date not null,
  started_at timestamptz not null default now(),
  ended_on date,
  ended_at timestamptz,
  end_reason text check (end_reason in ('TOO_HARD', 'TOO_EASY', 'NO_TIME', 'NOT_RELEVANT', 'HEALTH_CHANGED', 'OTHER')),
  end_note text,
  check ((status = 'ACTIVE') = (ended_on is null)),
  check (status = 'RESET' or end_reason is null)
);
create unique index goal_sets_one_active on goal_sets (user_id) where status = 'ACTIVE';
create index goal_sets_user on goal_sets (user_id, started_at);

-- The missions of a set, as they were when chosen (catalogue or AI recommendation).
create table goal_set_missions (
  goal_set_id uuid not null references goal_sets (id) on delete cascade,
  mission_id text not null,
  position smallint not null,
  source text not null check (source in ('CATALOGUE', 'RECOMMENDATION')),
  recommendation_set_id text,
  title text not null,
  description text not null,
  category text not null check (category in ('exercise', 'diet', 'sleep', 'stress', 'lifestyle')),
  difficulty text not null check (difficulty in ('easy', 'medium', 'hard')),
  minutes integer not null,
  benefit text not null,
  primary key (goal_set_id, mission_id)
);

-- A mission checked off on a Seoul day. The key makes checking off twice a no-op.
create table completions (
  user_id uuid not null,
  mission_id text not null,
  completed_on date not null,
  completed_at timestamptz not null default now(),
  primary key (user_id, mission_id, completed_on)
);
create index completions_user_day on completions (user_id, completed_on);

-- A streak milestone (3, 7, 21, 66 days) reached by a mission, with its message (AI-written,
-- or the fallback when the AI could not answer). One per milestone per run of days.
create table celebrations (
  id uuid primary key,
  user_id uuid not null,
  mission_id text not null,
  milestone integer not null check (milestone in (3, 7, 21, 66)),
  streak_started_on date not null,
  streak_ended_on date not null,
  created_on date not null,
  text text not null,
  source text not null check (source in ('AI', 'FALLBACK')),
  created_at timestamptz not null default now(),
  unique (user_id, mission_id, milestone, streak_started_on)
);
create index celebrations_user on celebrations (user_id, created_on);

-- Events this service consumed, by CloudEvent id: a redelivery is recognised and skipped.
create table processed_events (
  event_id text primary key,
  topic text not null,
  processed_at timestamptz not null default now()
);

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
-- Erasing a user also removes their already-published events.
create index outbox_user on outbox ((payload ->> 'userId'));

insert into mission_catalogue (id, title, description, category, difficulty, minutes, benefit, position) values
  ('cat-ex-lunch-walk', '점심시간 15분 산책', '점심 식사 후 15분 동안 가볍게 걷기', 'exercise', 'easy', 15, '식후 혈당이 천천히 오르게 하고 하루 활동량을 늘립니다.', 10),
  ('cat-ex-stretch', '목·어깨 스트레칭 3세트', '한 시간 넘게 앉아 있었다면 목과 어깨를 천천히 늘리는 스트레칭 3세트', 'exercise', 'easy', 10, '거북목과 어깨 결림을 줄이고 혈액순환을 돕습니다.', 11),
  ('cat-ex-stairs', '계단으로 5층 오르기', '엘리베이터 대신 계단으로 5층 이상 오르기 (나눠서 해도 좋아요)', 'exercise', 'medium', 10, '심폐 지구력과 하체 근력을 함께 키웁니다.', 12),
  ('cat-ex-brisk-walk', '빠르게 걷기 30분', '숨이 약간 찰 정도의 속도로 30분 걷기', 'exercise', 'medium', 30, '혈압과 중성지방을 낮추는 데 도움이 됩니다.', 13),
  ('cat-ex-squats', '스쿼트 15회 3세트', '무릎이 발끝을 넘지 않게 바른 자세로 스쿼트 15회씩 3세트', 'exercise', 'hard', 15, '하체 근육량을 늘려 기초대사량과 혈당 조절 능력을 높입니다.', 14),
  ('cat-di-water', '물 8잔 마시기', '하루 동안 물 8잔(약 1.5L)을 나눠 마시기', 'diet', 'easy', 5, '수분을 채워 신진대사와 집중력을 돕습니다.', 20),
  ('cat-di-no-sugary-drinks', '단 음료 대신 물·차', '오늘은 탄산음료, 가당 커피, 주스 대신 물이나 차 마시기', 'diet', 'easy', 5, '당 섭취를 줄여 혈당과 체중 관리에 도움이 됩니다.', 21),
  ('cat-di-vegetables', '끼니마다 채소 반 접시', '세 끼 모두 접시의 절반을 채소로 채우기', 'diet', 'medium', 10, '식이섬유가 혈당과 콜레스테롤 관리에 도움이 됩니다.', 22),
  ('cat-di-low-salt', '국물 남기기', '국, 찌개, 라면의 국물은 절반 이상 남기기', 'diet', 'medium', 5, '나트륨 섭취를 줄여 혈압 관리에 도움이 됩니다.', 23),
  ('cat-di-no-late-snack', '저녁 8시 이후 야식 참기', '저녁 8시 이후에는 물 말고는 먹지 않기', 'diet', 'hard', 5, '공복 혈당과 체중, 수면의 질을 함께 개선합니다.', 24),
  ('cat-sl-screen-off', '잠들기 30분 전 화면 끄기', '잠자리에 들기 30분 전부터 스마트폰과 TV 끄기', 'sleep', 'easy', 30, '빛 자극을 줄여 더 빨리, 더 깊이 잠들게 합니다.', 30),
  ('cat-sl-wind-down', '잠들기 전 10분 긴장 풀기', '잠들기 전 가벼운 스트레칭이나 독서로 10분 동안 몸과 마음 풀기', 'sleep', 'easy', 10, '긴장을 풀어 잠드는 시간을 줄여 줍니다.', 31),
  ('cat-sl-no-caffeine', '오후 2시 이후 카페인 끊기', '오후 2시 이후에는 커피, 에너지 음료, 진한 차 마시지 않기', 'sleep', 'medium', 5, '밤에 깨는 횟수를 줄여 수면의 질을 높입니다.', 32),
  ('cat-sl-fixed-bedtime', '같은 시간에 잠자리 들기', '정해 둔 시간의 앞뒤 30분 안에 잠자리에 들기', 'sleep', 'medium', 10, '생체리듬을 일정하게 해 낮 동안의 피로를 줄입니다.', 33),
  ('cat-sl-seven-hours', '7시간 이상 자기', '잠자리에 드는 시간을 당겨 7시간 이상 자기', 'sleep', 'hard', 20, '충분한 수면은 혈압과 혈당, 체중 관리의 바탕입니다.', 34),
  ('cat-st-breathing', '4-7-8 호흡 5분', '4초 들이마시고 7초 멈추고 8초 내쉬는 호흡을 5분 동안 하기', 'stress', 'easy', 5, '심박을 안정시키고 긴장을 빠르게 풀어 줍니다.', 40),
  ('cat-st-gratitude', '감사한 일 세 줄 쓰기', '오늘 감사했던 일을 세 줄로 적기', 'stress', 'easy', 5, '긍정적인 감정을 늘려 스트레스를 덜 느끼게 합니다.', 41),
  ('cat-st-sunlight', '햇볕 쬐며 15분 쉬기', '낮에 밖으로 나가 햇볕을 쬐며 15분 동안 쉬기', 'stress', 'easy', 15, '기분을 밝게 하고 밤잠을 돕는 리듬을 만듭니다.', 42),
  ('cat-st-meditation', '10분 명상', '조용한 곳에서 호흡에 집중하며 10분 동안 명상하기', 'stress', 'medium', 10, '스트레스 호르몬을 낮추고 집중력을 높입니다.', 43),
  ('cat-st-offline-hour', '퇴근 후 1시간 업무 알림 끄기', '퇴근 후 한 시간 동안 업무 메신저와 메일 알림 끄기', 'stress', 'hard', 60, '일과 쉼을 나눠 만성 스트레스를 줄입니다.', 44),
  ('cat-li-posture', '한 시간마다 일어나기', '앉아 있을 때 한 시간마다 일어나 2분 동안 움직이기', 'lifestyle', 'easy', 5, '오래 앉아 있는 시간을 끊어 허리와 혈관 건강을 지킵니다.', 50),
  ('cat-li-weigh-in', '아침 공복 체중 기록', '아침에 일어나 화장실에 다녀온 뒤 체중을 재고 기록하기', 'lifestyle', 'easy', 2, '매일 기록하면 체중 변화를 일찍 알아차릴 수 있습니다.', 51),
  ('cat-li-bp-check', '혈압 재고 기록하기', '앉아서 5분 쉰 뒤 혈압을 재고 기록하기', 'lifestyle', 'easy', 5, '집에서 잰 혈압 기록은 고혈압 관리의 기본입니다.', 52),
  ('cat-li-no-alcohol', '오늘 하루 술 마시지 않기', '오늘은 술을 한 잔도 마시지 않기', 'lifestyle', 'medium', 5, '간 수치와 혈압, 수면의 질을 함께 개선합니다.', 53),
  ('cat-li-no-smoking', '오늘 하루 금연', '오늘은 담배(전자담배 포함)를 피우지 않기', 'lifestyle', 'hard', 5, '금연은 심혈관 질환과 암 위험을 낮추는 가장 확실한 방법입니다.', 54);
