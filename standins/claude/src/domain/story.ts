import { type CheckupItem, type Facts, flaggedItems, scanJson } from './facts.js';
import {
  ADVICE,
  type Category,
  MISSIONS,
  MOTIVATION_LINES,
  type MissionPlan,
  TOPIC_ADVICE,
  TOPIC_WORDS,
  type Topic,
  gradeLabel,
  isSedentary,
  josa,
  occupationAdvice,
  stripParticle,
} from './korean.js';

/**
 * The sentences an answer is built from, composed once per request from its facts and question.
 * Text answers pick from these by intent; tool and JSON answers pick by field name.
 */
export type Intent = 'chat' | 'diagnosis' | 'missions' | 'encouragement' | 'general';

export interface Story {
  intent: Intent;
  /** Topic words echoed from the question. */
  keywords: string[];
  /** The question is only a greeting. */
  greeting: boolean;
  overall: string;
  riskDetail: string;
  /** One advice sentence per flagged item (or one general sentence). */
  adviceLines: string[];
  occupationLine: string;
  /** Why a mission suits the user's occupation. */
  occupationFit(plan: MissionPlan): string;
  followUp: string;
  reason: string;
  plans: MissionPlan[];
  chatAnswer: string[];
  encouragement: string[];
  suggestedQuestions: string[];
  /** A short label, e.g. for a title field. */
  headline: string;
  severity: 'low' | 'medium' | 'high';
}

export interface StoryInput {
  facts: Facts;
  /** System prompt and latest user turn, for intent and limits. */
  focusText: string;
  /** The latest user turn alone. */
  question: string;
}

function isQuestion(prose: string): boolean {
  const trimmed = prose.trim();
  return /[?？]\s*$/.test(trimmed) || /(나요|까요|을까|할까|인가요|되나요|있나요|하나요|가요|죠|니)\s*[.!]?\s*$/.test(trimmed);
}

export function detectIntent(focusText: string, question: string): Intent {
  const prose = scanJson(question).prose;
  if (isQuestion(prose)) return 'chat';
  if (/독려|격려|응원|동기\s?부여|넛지|nudge|encourag|motivat|코치|coach/i.test(focusText)) return 'encouragement';
  if (/미션|mission/i.test(focusText) && /추천|recommend|제안/i.test(focusText)) return 'missions';
  if (/검진|판정|진단|diagnos|checkup|check-up|요약|summar|해석|reading/i.test(focusText)) return 'diagnosis';
  if (/상담|질문|chat|consult|assistant|어시스턴트/i.test(focusText) && prose !== '') return 'chat';
  return 'general';
}

export function topicsOf(question: string): { keywords: string[]; topics: Topic[] } {
  const prose = scanJson(question).prose;
  const words = prose.split(/[^가-힣A-Za-z]+/).filter((w) => w !== '');
  const found: Array<{ word: string; topic: Topic; at: number }> = [];
  for (const [word, topic] of TOPIC_WORDS) {
    const present = word.length === 1 ? words.some((w) => stripParticle(w) === word) : prose.includes(word);
    if (present && !found.some((f) => f.word.includes(word) || word.includes(f.word))) found.push({ word, topic, at: prose.indexOf(word) });
  }
  // Echo topics in the order the question raised them.
  found.sort((a, b) => a.at - b.at);
  const keywords = found.map((f) => f.word);
  const topics = [...new Set(found.map((f) => f.topic))];
  if (keywords.length === 0) {
    // No known topic: echo the first content words of the question.
    const stop = new Set([
      '요즘',
      '제가',
      '저는',
      '어떻게',
      '무엇',
      '뭐',
      '왜',
      '좀',
      '많이',
      '너무',
      '정말',
      '그리고',
      '그런데',
      '혹시',
      '해야',
      '하나요',
      '할까요',
      '있나요',
      '좋을까요',
      '좋아요',
    ]);
    const echoed = words.map(stripParticle).filter((w) => w.length >= 2 && /[가-힣]/.test(w) && !stop.has(w));
    keywords.push(...[...new Set(echoed)].slice(0, 2));
  }
  return { keywords: keywords.slice(0, 3), topics };
}

/** "수축기 혈압(142mmHg, 질환의심)" */
export function itemPhrase(item: CheckupItem): string {
  const value = item.value !== undefined ? `${item.value}${item.unit ?? ''}, ` : '';
  return `${item.name}(${value}${item.outside ? '판정 기준 외' : gradeLabel(item.grade)})`;
}

/** Joins phrases Korean-style: "A와 B", "A, B와 C"; the particle agrees with the item name. */
function joinItems(items: CheckupItem[]): string {
  const phrases = items.map(itemPhrase);
  if (phrases.length <= 1) return phrases[0] ?? '';
  const at = items.length - 2;
  const before = items[at] as CheckupItem;
  const conjunction = josa(before.name, '과/와').slice(before.name.length);
  const pair = `${phrases[at] ?? ''}${conjunction} ${phrases[at + 1] ?? ''}`;
  return [...phrases.slice(0, at), pair].join(', ');
}

function particleAfter(item: CheckupItem, phrase: string, particle: '은/는' | '이/가'): string {
  return phrase + josa(item.name, particle).slice(item.name.length);
}

function overallSentence(facts: Facts, flagged: CheckupItem[]): string {
  if (facts.items.length === 0) return '전달해 주신 내용에서 판정된 검사 항목을 찾지 못해 생활 습관을 중심으로 말씀드릴게요.';
  if (flagged.length === 0) return '검진 결과 모든 항목이 정상A로 판정되어 전반적으로 건강한 상태입니다.';
  const shown = flagged.slice(0, 3);
  const last = shown[shown.length - 1] as CheckupItem;
  const list = joinItems(shown);
  const normals = facts.items.length - flagged.length;
  if (normals === 0) return `검진 결과 ${particleAfter(last, list, '이/가')}${shown.length > 1 ? ' 모두' : ''} 관리가 필요한 상태입니다.`;
  const lead = normals > flagged.length ? '대부분의 항목은 정상이지만' : '일부 항목은 정상이지만';
  return `검진 결과 ${lead} ${particleAfter(last, list, '은/는')} 관리가 필요합니다.`;
}

function riskSentence(item: CheckupItem | undefined, anyItems: boolean): string {
  if (!item && !anyItems) return `건강을 지키려면 ${ADVICE.other}.`;
  if (!item) return '현재 뚜렷한 위험 요인은 없으니 지금의 생활 습관을 꾸준히 유지하세요.';
  const value = item.value !== undefined ? `(${item.value}${item.unit ?? ''})` : '';
  if (item.grade === 'D') return `특히 ${josa(item.name, '이/가')} 질환의심 단계${value}이므로 ${ADVICE[item.category]}.`;
  if (item.outside) return `${josa(item.name, '은/는')} 판정 기준 밖의 값${value}이므로 의사와 상의해 보세요.`;
  return `${josa(item.name, '은/는')} 경계 단계인 정상B${value}이므로 ${ADVICE[item.category]}.`;
}

function adviceSentences(flagged: CheckupItem[]): string[] {
  const seen = new Set<Category>();
  const lines: string[] = [];
  for (const item of flagged) {
    if (seen.has(item.category)) continue;
    seen.add(item.category);
    lines.push(`${item.name} 관리를 위해 ${ADVICE[item.category]}.`);
  }
  return lines.length > 0 ? lines : [`건강을 지키려면 ${ADVICE.other}.`];
}

function occupationSentence(occupation: string | undefined): string {
  if (!occupation) return '바쁜 일상 속에서도 다음 검진까지 생활 습관 변화를 꾸준히 기록해 보세요.';
  return `${josa(occupation, '으로/로')} 일하시는 만큼 ${occupationAdvice(occupation)}.`;
}

function followUpSentence(flagged: CheckupItem[]): string {
  if (flagged.some((i) => i.grade === 'D')) return '질환의심 항목은 가까운 병원에서 재검사나 진료 상담을 받아 보시길 권합니다.';
  if (flagged.length > 0) return '정상B 항목은 생활 습관을 바꾼 뒤 다음 검진에서 변화를 확인해 보세요.';
  return '다음 정기 검진도 잊지 말고 받으세요.';
}

function missionPlans(facts: Facts, flagged: CheckupItem[]): MissionPlan[] {
  const categories = [...new Set(flagged.map((i) => i.category))];
  const queues = categories.map((c) => [...MISSIONS[c]]);
  const plans: MissionPlan[] = [];
  // Round-robin: the most direct mission of each flagged type first, then the second ones.
  for (let round = 0; queues.some((q) => q.length > 0); round++) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next) plans.push(next);
    }
    if (round === 0 && facts.occupation && isSedentary(facts.occupation)) plans.push(...MISSIONS.sedentary);
  }
  if (plans.length === 0 && facts.occupation && isSedentary(facts.occupation)) plans.push(...MISSIONS.sedentary);
  for (const general of MISSIONS.other) if (!plans.some((p) => p.slug === general.slug)) plans.push(general);
  return plans;
}

function chatSentences(facts: Facts, flagged: CheckupItem[], keywords: string[], topics: Topic[]): string[] {
  const lines: string[] = [];
  lines.push(keywords.length > 0 ? `질문하신 ${keywords.join('·')}에 대해 말씀드릴게요.` : '질문 주셔서 고마워요.');
  const related = facts.items.find((i) => topics.includes(i.category) && i.grade !== 'A') ?? facts.items.find((i) => topics.includes(i.category));
  const generalTopic = topics.length === 0 || topics.every((t) => ['exercise', 'diet', 'weight', 'other'].includes(t));
  const mentioned = related ?? (generalTopic ? flagged[0] : undefined);
  if (mentioned) {
    lines.push(`검진 기록에서 ${itemPhrase(mentioned)} 결과가 확인되니 ${ADVICE[mentioned.category]}.`);
  }
  const topic = topics.find((t) => t !== mentioned?.category);
  if (topic) lines.push(`${TOPIC_ADVICE[topic]}.`);
  else if (!mentioned) lines.push(`${TOPIC_ADVICE.other}.`);
  if (facts.occupation) lines.push(`${josa(facts.occupation, '으로/로')} 일하시니 ${occupationAdvice(facts.occupation)}.`);
  lines.push('이 답변은 일반적인 건강 정보이니 증상이 계속되면 의사와 상담하세요.');
  return lines;
}

function encouragementSentences(facts: Facts, flagged: CheckupItem[]): string[] {
  const { progress } = facts;
  const lines: string[] = [];
  if (progress.streakDays !== undefined && Number(progress.streakDays) > 0) lines.push(`${progress.streakDays}일 연속 실천 중이에요! 🔥`);
  if (progress.completed !== undefined && progress.total !== undefined) {
    lines.push(`오늘 ${progress.total}개 미션 중 ${progress.completed}개를 해냈어요.`);
  } else if (progress.ratePercent !== undefined) {
    lines.push(`달성률 ${progress.ratePercent}%까지 왔어요.`);
  }
  const fraction = progress.rateFraction;
  if (fraction !== undefined) {
    lines.push(fraction >= 0.8 ? '거의 다 왔어요, 끝까지 힘내요!' : fraction >= 0.5 ? '벌써 절반을 넘겼어요!' : '오늘이 새로운 시작이에요, 하나씩 해 봐요.');
  }
  const pending = progress.pending[0];
  if (pending) lines.push(`남은 ${pending} 미션도 지금 바로 해 볼까요?`);
  const motivation = facts.motivationType ? MOTIVATION_LINES[facts.motivationType] : undefined;
  lines.push(motivation ?? '오늘의 작은 실천이 건강한 내일을 만들어요 💪');
  const top = flagged[0];
  if (top) lines.push(`${top.name} 관리에도 큰 도움이 돼요.`);
  return lines;
}

function suggestedQuestions(flagged: CheckupItem[], keywords: string[]): string[] {
  const top = flagged[0];
  const topic = keywords[0];
  return [
    top ? `${josa(top.name, '을/를')} 낮추려면 어떤 운동이 좋을까요?` : '건강 점수를 높이려면 무엇부터 바꾸면 좋을까요?',
    topic ? `${josa(topic, '과/와')} 관련해 생활 습관은 어떻게 바꾸면 좋을까요?` : '식단은 어떻게 바꾸면 좋을까요?',
    top?.grade === 'D' ? '재검사는 언제 받는 게 좋을까요?' : '스트레스와 수면은 어떻게 관리하면 좋을까요?',
  ];
}

/** How urgent the answer should sound: from the checkup grades, else from mission progress. */
function severityOf(facts: Facts, flagged: CheckupItem[]): Story['severity'] {
  if (facts.items.length > 0) return flagged.some((i) => i.grade === 'D') ? 'high' : flagged.length > 0 ? 'medium' : 'low';
  const rate = facts.progress.rateFraction;
  if (rate === undefined) return 'low';
  return rate < 0.3 ? 'high' : rate < 0.6 ? 'medium' : 'low';
}

export function composeStory(input: StoryInput): Story {
  const { facts, focusText, question } = input;
  const flagged = flaggedItems(facts);
  const { keywords, topics } = topicsOf(question);
  const names = flagged.slice(0, 2).map((i) => i.name);
  const severity = severityOf(facts, flagged);
  return {
    intent: detectIntent(focusText, question),
    keywords,
    greeting: /^(안녕|반가|hello|hi\b|hey\b)/i.test(scanJson(question).prose.trim()) && Array.from(scanJson(question).prose).length <= 20,
    overall: overallSentence(facts, flagged),
    riskDetail: riskSentence(flagged[0], facts.items.length > 0),
    adviceLines: adviceSentences(flagged),
    occupationLine: occupationSentence(facts.occupation),
    occupationFit: (plan) =>
      facts.occupation
        ? `${facts.occupation} 일정 속에서도 ${josa(plan.title, '을/를')} 꾸준히 실천하기 좋아요.`
        : `일상에서 ${josa(plan.title, '을/를')} 쉽게 실천할 수 있어요.`,
    followUp: followUpSentence(flagged),
    reason:
      names.length > 0
        ? `${names.join('·')} 결과${facts.occupation ? `와 ${facts.occupation} 업무 특성을` : '를'} 고려해 실천하기 쉬운 미션을 골랐어요.`
        : `${facts.occupation ? `${facts.occupation} 업무 특성과 ` : ''}전반적인 생활 습관을 고려해 실천하기 쉬운 미션을 골랐어요.`,
    plans: missionPlans(facts, flagged),
    chatAnswer: chatSentences(facts, flagged, keywords, topics),
    encouragement: encouragementSentences(facts, flagged),
    suggestedQuestions: suggestedQuestions(flagged, keywords),
    headline: flagged[0] ? `${flagged[0].name} 관리가 필요해요` : '전반적으로 양호해요',
    severity,
  };
}
