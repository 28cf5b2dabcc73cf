/** Realistic answers for the API document (checked against the response schemas by the unit tests). */
const sessionId = 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f';

export const diagnosisExample = {
  examDate: '2026-03-17',
  lines: [
    {
      kind: 'OVERALL' as const,
      text: '전반적으로 양호하지만 혈압(134/86 mmHg)과 공복혈당(108 mg/dL)이 경계 범위입니다.',
      itemCodes: ['BLOOD_PRESSURE', 'FASTING_GLUCOSE'],
    },
    { kind: 'MAIN_RISK' as const, text: '허리둘레 86 cm로 복부비만 기준(85 cm)을 넘어 대사증후군 위험이 있습니다.', itemCodes: ['WAIST'] },
    {
      kind: 'OCCUPATION' as const,
      text: '오래 앉아 일하는 사무직이라 한 시간마다 일어나 움직이는 습관이 도움이 됩니다.',
      itemCodes: ['WAIST', 'BLOOD_PRESSURE'],
    },
  ],
  healthScore: 72,
  riskLevel: 'MEDIUM' as const,
  riskLevelLabel: '보통' as const,
  source: 'AI' as const,
  fallbackReason: null,
  numbersRemoved: [],
  cached: false,
  promptVersion: 'diagnosis-v3',
  generatedAt: '2026-12-02T06:58:40.125Z',
};

const missions = [
  ['7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', '퇴근 전 20분 하체 스트레칭', 'exercise', 'easy', 20, 'BLOOD_PRESSURE'],
  ['8e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7', '점심 후 15분 빠르게 걷기', 'exercise', 'medium', 15, 'FASTING_GLUCOSE'],
  ['9f3a4b5c-6d7e-4f80-8192-a3b4c5d6e7f8', '저녁 국물 절반 남기기', 'diet', 'easy', 15, 'BLOOD_PRESSURE'],
  ['a04b5c6d-7e8f-4091-92a3-b4c5d6e7f809', '취침 전 20분 스마트폰 끄기', 'sleep', 'easy', 20, 'FASTING_GLUCOSE'],
  ['b15c6d7e-8f90-41a2-a3b4-c5d6e7f8091a', '4-7-8 호흡으로 15분 쉬기', 'stress', 'easy', 15, 'BLOOD_PRESSURE'],
] as const;

export const recommendationExample = {
  recommendationSetId: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d',
  reason: '혈압과 공복혈당이 경계 범위이고 앉아서 일하는 시간이 길어, 짧고 꾸준히 할 수 있는 활동과 식습관 미션을 골랐어요.',
  missions: missions.map(([id, title, category, difficulty, minutes, item]) => ({
    id,
    title,
    description: `${title} — 매일 같은 시간에 해 보세요.`,
    category,
    difficulty,
    minutes,
    benefit: item === 'BLOOD_PRESSURE' ? '혈압을 낮추는 데 도움이 됩니다.' : '혈당 관리에 도움이 됩니다.',
    occupationFit: '사무실이나 집에서 바로 할 수 있어요.',
    targetItems: [item],
  })),
  source: 'AI' as const,
  fallbackReason: null,
  cached: false,
  promptVersion: 'missions-v2',
  createdAt: '2026-12-02T06:59:02.771Z',
};

export const sessionExample = {
  id: sessionId,
  title: '공복혈당 108이면 당뇨 전단계인가요?',
  createdAt: '2026-12-02T07:00:10.000Z',
  lastMessageAt: '2026-12-02T07:00:14.512Z',
};
export const newSessionExample = { ...sessionExample, title: null, lastMessageAt: null };

const question = {
  id: 'd5e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f80',
  role: 'user' as const,
  content: '공복혈당 108이면 당뇨 전단계인가요?',
  createdAt: '2026-12-02T07:00:10.000Z',
  source: null,
  fallbackReason: null,
  emergency: null,
  suggestedQuestions: null,
};
const suggestedQuestions = ['공복혈당을 낮추는 식사법이 있나요?', '운동은 식전과 식후 중 언제가 좋나요?', '다음 검진 전에 혈당을 다시 재 봐야 하나요?'];
const answer = {
  id: 'e6f7a8b9-c0d1-4e2f-9a3b-4c5d6e7f8091',
  role: 'assistant' as const,
  content:
    '2026년 3월 검진의 공복혈당 108 mg/dL은 국가검진 기준으로 100–125 mg/dL인 "공복혈당장애"(정상B, 경계)에 해당해요. 당뇨병은 아니지만 관리가 필요한 단계예요. 식후 걷기와 단 음료 줄이기를 꾸준히 하고, 1년 안에 다시 측정해 보세요.',
  createdAt: '2026-12-02T07:00:14.512Z',
  source: 'AI' as const,
  fallbackReason: null,
  emergency: null,
  suggestedQuestions,
};

export const historyExample = { ...sessionExample, messages: [question, answer], totalMessages: 2, nextCursor: null };
export const sessionListExample = { items: [sessionExample], nextCursor: null };
export const replyExample = {
  sessionId,
  userMessage: question,
  reply: answer,
  suggestedQuestions,
  source: 'AI' as const,
  fallbackReason: null,
  emergency: null,
  context: 'AVAILABLE' as const,
  numbersRemoved: [],
};
export const chatIds = { sessionId };

/** A whole streamed answer, as the client receives it. */
export const sseExample = [
  `event: meta\ndata: ${JSON.stringify({ sessionId, userMessageId: question.id, emergency: null, context: 'AVAILABLE' })}\n`,
  `event: token\ndata: ${JSON.stringify({ index: 0, text: '2026년 3월 검진의 공복혈당 108 mg/dL은 ' })}\n`,
  `event: token\ndata: ${JSON.stringify({ index: 1, text: '"공복혈당장애"(정상B, 경계)에 해당해요. …' })}\n`,
  `event: done\ndata: ${JSON.stringify({ reply: answer, suggestedQuestions, source: 'AI', fallbackReason: null, emergency: null, numbersRemoved: [] })}\n`,
].join('\n');
