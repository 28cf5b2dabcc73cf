import type { Story } from './story.js';

/**
 * Turns a story into the text answer for its intent, honouring the limits the prompt states
 * ("200자 이내", "세 줄로", "5개의 미션").
 */
export interface Limits {
  maxChars?: number;
  lines?: number;
  count?: number;
}

const KOREAN_NUMERALS: Record<string, number> = { 한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10 };
const ENGLISH_NUMERALS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function numeral(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return KOREAN_NUMERALS[word] ?? ENGLISH_NUMERALS[word.toLowerCase()];
}

export function readLimits(text: string): Limits {
  const limits: Limits = {};
  const charLimits = [
    ...text.matchAll(/(\d+)\s*자\s*(?:이내|이하|내외|까지|를\s*넘지|미만)/g),
    ...text.matchAll(/(?:at most|no more than|under|within|up to|maximum of)\s*(\d+)\s*(?:characters|chars)/gi),
  ].map((m) => Number(m[1]));
  if (charLimits.length > 0) limits.maxChars = Math.min(...charLimits);

  const lines = /(\d+|한|두|세|네|다섯|one|two|three|four|five)\s*(?:줄|문장|lines?\b|sentences?\b)/i.exec(text);
  const lineCount = numeral(lines?.[1]);
  if (lineCount !== undefined && lineCount > 0 && lineCount <= 10) limits.lines = lineCount;

  const count = /(\d+|세|네|다섯|여섯|일곱|three|four|five|six|seven)\s*(?:개|가지)?\s*(?:의\s*)?(?:미션|missions?\b)/i.exec(text);
  const itemCount = numeral(count?.[1]);
  if (itemCount !== undefined && itemCount > 0 && itemCount <= 20) limits.count = itemCount;
  return limits;
}

/** Keeps sentences in order while they fit; a first sentence that alone is too long is cut. */
export function fitSentences(sentences: string[], maxChars: number | undefined, separator = ' '): string {
  if (maxChars === undefined) return sentences.join(separator);
  let out = '';
  for (const sentence of sentences) {
    const candidate = out === '' ? sentence : `${out}${separator}${sentence}`;
    if (Array.from(candidate).length <= maxChars) out = candidate;
  }
  if (out === '' && sentences[0] !== undefined) out = Array.from(sentences[0]).slice(0, maxChars).join('');
  return out;
}

export function composeText(story: Story, limits: Limits): string {
  switch (story.intent) {
    case 'diagnosis': {
      const pool = [story.overall, story.riskDetail, story.occupationLine, story.followUp, ...story.adviceLines.slice(1)];
      return fitSentences(pool.slice(0, limits.lines ?? 4), limits.maxChars, '\n');
    }
    case 'missions': {
      const count = Math.min(limits.count ?? 5, story.plans.length);
      const bullets = story.plans.slice(0, count).map((plan) => `• ${plan.title}: ${plan.description}`);
      return fitSentences([story.reason, ...bullets], limits.maxChars, '\n');
    }
    case 'encouragement':
      return fitSentences(story.encouragement, limits.maxChars);
    case 'chat':
      return fitSentences(story.chatAnswer, limits.maxChars);
    default: {
      if (story.greeting) return fitSentences(['안녕하세요! 검진 결과나 생활 습관에 대해 궁금한 점을 편하게 물어보세요.', story.riskDetail], limits.maxChars);
      const echo = story.keywords.length > 0 ? [`말씀하신 ${story.keywords.join('·')}에 대해 정리해 드릴게요.`] : [];
      return fitSentences([...echo, story.overall, story.riskDetail, story.occupationLine], limits.maxChars);
    }
  }
}
