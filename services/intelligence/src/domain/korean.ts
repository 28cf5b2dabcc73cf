/**
 * Particles that agree with the word before them (혈압이 / 혈색소가), for the rule-based texts.
 * A parenthetical or a trailing Latin/number part is read the way Koreans read it aloud.
 */
export type Particle = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로';

// Latin letters whose Korean reading ends in a final consonant (엘, 엠, 엔, 알).
const LATIN_WITH_BATCHIM = new Set(['l', 'm', 'n', 'r']);
// 영 일 이 삼 사 오 육 칠 팔 구
const DIGIT_WITH_BATCHIM = [true, true, false, true, false, false, true, true, true, false];

function finalSound(word: string): { batchim: boolean; rieul: boolean } {
  const bare = word.replace(/\s*\([^)]*\)\s*$/u, '').replace(/[\s"'”’.,·]+$/u, '');
  const last = bare.at(-1) ?? '';
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return { batchim: jong !== 0, rieul: jong === 8 };
  }
  if (/[0-9]/.test(last)) {
    const digit = Number(last);
    return { batchim: DIGIT_WITH_BATCHIM[digit] ?? false, rieul: digit === 1 || digit === 7 || digit === 8 };
  }
  const lower = last.toLowerCase();
  return { batchim: LATIN_WITH_BATCHIM.has(lower), rieul: lower === 'l' };
}

/** `josa('혈압', '이/가')` → '혈압이'; `josa('혈색소', '이/가')` → '혈색소가'. */
export function josa(word: string, particle: Particle): string {
  const { batchim, rieul } = finalSound(word);
  const [withBatchim, withoutBatchim] = particle.split('/') as [string, string];
  if (particle === '으로/로') return word + (batchim && !rieul ? withBatchim : withoutBatchim);
  return word + (batchim ? withBatchim : withoutBatchim);
}

/** Length in characters as a user counts them (code points, so an emoji counts once). */
export function charLength(text: string): number {
  return Array.from(text).length;
}

/** Sentences of a text, each with its closing punctuation. */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?。\n]+(?:[.!?。]+|\n|$)/gu) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Whole sentences, in order, while they fit in `max` characters; undefined when not even the
 * first one fits (the caller then falls back rather than cutting a sentence in half).
 */
export function fitSentences(text: string, max: number): string | undefined {
  let out = '';
  for (const sentence of sentencesOf(text.replace(/\s+/g, ' ').trim())) {
    const candidate = out === '' ? sentence : `${out} ${sentence}`;
    if (charLength(candidate) > max) break;
    out = candidate;
  }
  return out === '' ? undefined : out;
}
