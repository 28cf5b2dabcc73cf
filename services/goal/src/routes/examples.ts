import type { Mission } from '../domain/missions.js';
import { progressFacts, progressReport, todayView, type CelebrationRecord, type UserGoals } from '../domain/views.js';

/**
 * Examples for the API document, made by the same pure views the handlers answer with: a user
 * who chose three missions on 26 November and checked them off most days since.
 */
const walk: Mission = {
  missionId: 'cat-ex-lunch-walk',
  title: '점심시간 15분 산책',
  description: '점심 식사 후 15분 동안 가볍게 걷기',
  category: 'exercise',
  difficulty: 'easy',
  minutes: 15,
  benefit: '식후 혈당이 천천히 오르게 하고 하루 활동량을 늘립니다.',
  source: 'CATALOGUE',
  recommendationSetId: null,
};
const lowSalt: Mission = {
  missionId: 'cat-di-low-salt',
  title: '국물 남기기',
  description: '국, 찌개, 라면의 국물은 절반 이상 남기기',
  category: 'diet',
  difficulty: 'medium',
  minutes: 5,
  benefit: '나트륨 섭취를 줄여 혈압 관리에 도움이 됩니다.',
  source: 'CATALOGUE',
  recommendationSetId: null,
};
const stretch: Mission = {
  missionId: '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  title: '퇴근 전 20분 하체 스트레칭',
  description: '퇴근 전 사무실이나 집에서 20분 동안 종아리·허벅지 스트레칭',
  category: 'exercise',
  difficulty: 'easy',
  minutes: 20,
  benefit: '오래 앉아 굳은 하체 혈액순환을 도와 혈압 관리에 좋습니다.',
  source: 'RECOMMENDATION',
  recommendationSetId: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d',
};

const goalSetId = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const TODAY = '2026-12-02';
const goals: UserGoals = {
  sets: [{ id: goalSetId, status: 'ACTIVE', startedOn: '2026-11-26', endedOn: null, endReason: null, missions: [walk, lowSalt, stretch] }],
  completions: [
    ...['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map((date) => ({ missionId: walk.missionId, date })),
    ...['2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01'].map((date) => ({ missionId: lowSalt.missionId, date })),
    ...['2026-11-30', '2026-12-01'].map((date) => ({ missionId: stretch.missionId, date })),
  ],
};
const celebration: CelebrationRecord = {
  id: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  missionId: walk.missionId,
  milestone: 7,
  text: '점심 산책 7일 연속 성공! 꾸준함이 혈당을 지켜 줘요. 🎉',
  source: 'AI',
  createdOn: TODAY,
  createdAt: '2026-12-02T03:41:20.318Z',
};

export const missionExamples = { walk, lowSalt, stretch };
export const todayExample = todayView(goals, TODAY);
export const progressExample = progressReport(goals, [celebration], '2026-11-26', TODAY, TODAY);
export const chosenSetExample = { goalSetId, startedOn: '2026-11-26', replacedGoalSetId: null, changed: true, missions: [walk, lowSalt, stretch] };
export const checkOffExample = {
  missionId: walk.missionId,
  date: TODAY,
  done: true,
  changed: true,
  currentStreak: 7,
  bestStreak: 7,
  today: { completedCount: todayExample.completedCount, totalCount: todayExample.totalCount, completionRate: todayExample.completionRate },
  celebration,
};
export const catalogueExample = {
  missions: [walk, lowSalt].map(({ missionId, source: _s, recommendationSetId: _r, ...rest }) => ({ id: missionId, ...rest })),
};
export const resetExample = {
  endedGoalSetId: goalSetId,
  endedOn: TODAY,
  reason: 'TOO_HARD' as const,
  recommendations: {
    recommendationSetId: stretch.recommendationSetId,
    intelligenceAvailable: true,
    missions: [
      {
        id: 'cat-sl-screen-off',
        title: '잠들기 30분 전 화면 끄기',
        description: '잠자리에 들기 30분 전부터 스마트폰과 TV 끄기',
        category: 'sleep' as const,
        difficulty: 'easy' as const,
        minutes: 30,
        benefit: '빛 자극을 줄여 더 빨리, 더 깊이 잠들게 합니다.',
        source: 'CATALOGUE' as const,
      },
    ],
  },
};

/** One page of the batch's progress facts, with that user on it. */
const exampleUser = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
export const factsPageExample = { today: TODAY, users: [progressFacts(exampleUser, goals, TODAY)!], nextCursor: null };
