import { CATEGORY_ADVICE, categoryOf } from './advice.js';
import type { Emergency } from './emergency.js';
import { flaggedItems, type HealthRecord } from './health-record.js';
import { josa } from './korean.js';

/** A chat message is at most this long (characters as the user counts them). */
export const MAX_MESSAGE_CHARS = 1000;

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The earlier turns the model sees, oldest first: the last `limit` messages, starting with a
 * user turn and alternating (the Messages API requires it). Consecutive turns of one role, as
 * left by an answer that never arrived, are merged rather than dropped.
 */
export function recentTurns(history: readonly Turn[], limit: number): Turn[] {
  if (limit <= 0) return [];
  const window = history.slice(-limit);
  const merged: Turn[] = [];
  for (const turn of window) {
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.content = `${last.content}\n${turn.content}`;
    else merged.push({ ...turn });
  }
  while (merged[0]?.role === 'assistant') merged.shift();
  // The question being asked is appended after these, so the history must end with an answer.
  while (merged.length > 0 && merged[merged.length - 1]!.role === 'user') merged.pop();
  return merged;
}

type Topic = 'exercise' | 'diet' | 'sleep' | 'stress' | 'weight' | 'smoking' | 'alcohol';

const TOPIC_WORDS: ReadonlyArray<readonly [RegExp, Topic]> = [
  [/운동|헬스|걷기|달리기|근력|스트레칭|산책/, 'exercise'],
  [/식단|음식|식사|간식|먹|커피|야식|영양/, 'diet'],
  [/잠|수면|불면|피곤|피로/, 'sleep'],
  [/스트레스|우울|불안|긴장|마음/, 'stress'],
  [/체중|다이어트|비만|살|뱃살|허리/, 'weight'],
  [/담배|흡연|금연/, 'smoking'],
  [/술|음주|금주/, 'alcohol'],
];

const TOPIC_QUESTIONS: Readonly<Record<Topic, string[]>> = {
  exercise: ['운동은 일주일에 얼마나 하면 좋을까요?', '운동 전후 스트레칭은 어떻게 하면 좋을까요?'],
  diet: ['아침 식사는 어떻게 챙기면 좋을까요?', '건강한 간식으로는 무엇이 좋을까요?'],
  sleep: ['잠이 잘 오게 하려면 저녁에 무엇을 피해야 할까요?', '낮잠은 자도 괜찮을까요?'],
  stress: ['스트레스를 빨리 푸는 방법이 있을까요?', '긴장될 때 할 수 있는 호흡법을 알려 주세요.'],
  weight: ['체중을 건강하게 줄이려면 무엇부터 해야 할까요?', '뱃살을 줄이는 데 좋은 운동은 무엇인가요?'],
  smoking: ['금연을 시작할 때 도움받을 수 있는 곳이 있나요?', '금연하면 몸이 어떻게 달라지나요?'],
  alcohol: ['술자리에서 덜 마시는 방법이 있을까요?', '금주하면 간수치가 좋아지나요?'],
};

const GENERAL_QUESTIONS = ['건강 점수를 높이려면 무엇부터 바꾸면 좋을까요?', '식단은 어떻게 바꾸면 좋을까요?', '스트레스와 수면은 어떻게 관리하면 좋을까요?'];

/**
 * Three follow-up questions the user may tap: one about their most serious flagged item, then
 * ones about the topic they asked about, then general ones; never the question just asked.
 */
export function suggestedQuestions(message: string, record: HealthRecord | null, emergency?: Emergency): string[] {
  const out: string[] = [];
  const add = (question: string) => {
    if (out.length < 3 && !out.includes(question) && question.replace(/\s/g, '') !== message.replace(/\s/g, '')) out.push(question);
  };
  if (emergency) {
    add(emergency.kind === 'SELF_HARM' ? '마음이 힘들 때 상담받을 수 있는 곳을 알려 주세요.' : '응급 상황에서 119에 무엇을 말해야 하나요?');
  }
  const top = record ? flaggedItems(record)[0] : undefined;
  if (top) add(`${josa(top.name, '을/를')} 좋게 하려면 생활 습관을 어떻게 바꿔야 할까요?`);
  for (const [pattern, topic] of TOPIC_WORDS) {
    if (pattern.test(message)) TOPIC_QUESTIONS[topic].forEach(add);
  }
  if (top?.grade === 'SUSPECTED_DISEASE') add('재검사는 언제 받는 게 좋을까요?');
  GENERAL_QUESTIONS.forEach(add);
  return out;
}

/** The answer when the model cannot give one: honest about it, still useful where the record allows. */
export function fallbackChatAnswer(record: HealthRecord | null): string {
  const top = record ? flaggedItems(record)[0] : undefined;
  const tip = top
    ? `검진 기록에서 ${josa(top.name, '이/가')} ${top.grade === 'SUSPECTED_DISEASE' ? '질환의심' : '정상B(경계)'}로 나왔으니 ${CATEGORY_ADVICE[categoryOf(top.code)]}.`
    : '규칙적인 식사와 운동, 충분한 수면이 건강의 기본이에요.';
  return `지금은 AI 상담이 잠시 어려워 기본 안내를 드려요. ${tip} 궁금한 점은 잠시 뒤 다시 물어봐 주세요.`;
}

/** A session's title: the start of its first message. */
export function sessionTitle(firstMessage: string): string {
  const line = firstMessage.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= 40 ? line : `${chars.slice(0, 39).join('')}…`;
}
