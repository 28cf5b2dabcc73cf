import { allowedNumbers, numbersIn } from './grounding.js';
import type { HealthRecord } from './health-record.js';
import type { FallbackReason, Outcome, Source } from './outcome.js';
import type { ModelPrompt } from './prompts.js';

/**
 * The number check for chat answers. A chat answer may give general guidance with numbers of its own
 * ("하루 30분 걷기"), but a sentence that states something about the user — their results, values, age,
 * score or change ("최근 수치가 37% 좋아졌어요", "공복혈당이 131이에요") — may only use numbers the model was
 * given: the user's record, what they said in the chat, the instructions. Such a sentence is "ungrounded";
 * the answer is asked for once more, and a second ungrounded answer is given without those sentences and
 * says so (the same two rounds as the reading).
 */

/** Added to an answer whose ungrounded sentences were removed. */
export const NUMBERS_REMOVED_NOTE = '(기록에 없는 수치가 들어간 문장은 빼고 답했어요. 정확한 수치는 검진 결과에서 확인해 주세요.)';

/** Words that make a sentence a statement about the user's own results or body. */
const ABOUT_THE_USER =
  /수치|결과|검진|검사|기록|점수|나이|연령|회원님|고객님|당신|님의|님은|님이|님께서|혈압|혈당|콜레스테롤|중성지방|혈색소|헤모글로빈|간수치|체중|몸무게|허리|체질량|비만도|크레아티닌|사구체|신장 기능|콩팥|요단백|좋아졌|나빠졌|높아졌|낮아졌|늘었|줄었|개선되|악화|\b(?:BMI|GFR|eGFR|AST|ALT|GTP|LDL|HDL)\b|mg\/?dL|mmHg|g\/dL|U\/L|kg|cm|%/i;

/** Splits text into sentences, keeping punctuation; a point between digits ("16.6") does not end one. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    current += ch;
    const next = text[i + 1];
    const endsHere = ch === '\n' || ('.!?。'.includes(ch) && !(ch === '.' && next !== undefined && /\d/.test(next)));
    if (endsHere) {
      // Trailing spaces belong to the sentence they follow.
      while (text[i + 1] === ' ') current += text[++i];
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
}

export interface ChatGrounding {
  /** Numbers the answer states about the user that the model was not given (empty when grounded). */
  ungrounded(text: string): string[];
  /** The answer without its ungrounded sentences, and the numbers that went with them. */
  withoutUngrounded(text: string): { text: string; removed: string[] };
}

/**
 * The check for one prompt: `given` is everything the model was given (instructions, record, the turns),
 * `record` names the user's items so that a sentence about one of them counts as about the user.
 */
export function chatGrounding(given: string, record: HealthRecord | null): ChatGrounding {
  const allowed = allowedNumbers(given);
  const itemNames = (record?.items ?? []).map((i) => i.name.replace(/\(.*\)$/, '').trim()).filter((n) => n.length >= 2);
  const aboutUser = (sentence: string) => ABOUT_THE_USER.test(sentence) || itemNames.some((n) => sentence.includes(n));
  const foreignIn = (sentence: string) => (aboutUser(sentence) ? numbersIn(sentence).filter((n) => !allowed.has(n)) : []);
  return {
    ungrounded: (text) => [...new Set(sentencesOf(text).flatMap(foreignIn))],
    withoutUngrounded(text) {
      const removed: string[] = [];
      const kept = sentencesOf(text).filter((sentence) => {
        const foreign = foreignIn(sentence);
        removed.push(...foreign);
        return foreign.length === 0;
      });
      return { text: kept.join('').trim(), removed: [...new Set(removed)] };
    },
  };
}

/**
 * Streams only what has been checked: complete sentences are released once they pass, as the pieces they
 * arrived in (so a client still sees a stream of small tokens); at the first ungrounded sentence the gate
 * closes and nothing more is released, so the client never sees the number.
 */
export interface GroundingGate {
  /** Adds a delta; returns the pieces that may be shown now (none while a sentence is incomplete or closed). */
  push(delta: string): string[];
  /** The stream ended: returns the rest if it passes. */
  end(): string[];
  readonly closed: boolean;
}

export function groundingGate(grounding: ChatGrounding): GroundingGate {
  let pieces: string[] = [];
  let closed = false;
  /** Takes the first `length` characters off the queued pieces, splitting one if needed. */
  const take = (length: number): string[] => {
    const out: string[] = [];
    let left = length;
    while (left > 0 && pieces.length > 0) {
      const piece = pieces[0]!;
      if (piece.length <= left) {
        out.push(piece);
        pieces.shift();
        left -= piece.length;
      } else {
        out.push(piece.slice(0, left));
        pieces[0] = piece.slice(left);
        left = 0;
      }
    }
    return out;
  };
  const release = (final: boolean): string[] => {
    if (closed) return [];
    const parts = sentencesOf(pieces.join(''));
    // The last part may still grow (no end mark yet, or a '.' that a digit may follow) unless the stream ended.
    const last = parts[parts.length - 1];
    const lastDone = last !== undefined && /[.!?。\n]\s*$/.test(last) && !/\d\.$/.test(last.trimEnd());
    const complete = final || lastDone ? parts : parts.slice(0, -1);
    let length = 0;
    for (const sentence of complete) {
      if (grounding.ungrounded(sentence).length > 0) {
        closed = true;
        const shown = take(length);
        pieces = [];
        return shown;
      }
      length += sentence.length;
    }
    return take(length);
  };
  return {
    push(delta) {
      if (delta !== '') pieces.push(delta);
      return release(false);
    },
    end: () => release(true),
    get closed() {
      return closed;
    },
  };
}

/** The check for a chat prompt: the model was given its system text and every turn. */
export function chatGroundingFor(prompt: ModelPrompt, record: HealthRecord | null): ChatGrounding {
  return chatGrounding([prompt.system, ...prompt.messages.map((m) => m.content)].join('\n'), record);
}

export interface SettledChatAnswer {
  text: string;
  source: Source;
  fallbackReason: FallbackReason | null;
  /** Numbers taken out of the answer because the record does not have them; [] normally. */
  numbersRemoved: string[];
}

/**
 * The answer to give after the model's rounds: the model's text when it passed; when the last round was
 * rejected for an ungrounded number, that answer without the offending sentences and a note saying so (the
 * rules' answer if nothing is left); otherwise the rules' answer.
 */
export function settleChatAnswer(
  outcome: Outcome<string>,
  lastUngrounded: string | undefined,
  grounding: ChatGrounding,
  fallbackText: string,
): SettledChatAnswer {
  if (outcome.source === 'AI') return { text: outcome.value, source: 'AI', fallbackReason: null, numbersRemoved: [] };
  if (outcome.reason === 'UNGROUNDED_NUMBER' && lastUngrounded !== undefined) {
    const cleaned = grounding.withoutUngrounded(lastUngrounded);
    return cleaned.text === ''
      ? { text: `${fallbackText} ${NUMBERS_REMOVED_NOTE}`, source: 'FALLBACK', fallbackReason: 'UNGROUNDED_NUMBER', numbersRemoved: cleaned.removed }
      : { text: `${cleaned.text} ${NUMBERS_REMOVED_NOTE}`, source: 'AI', fallbackReason: null, numbersRemoved: cleaned.removed };
  }
  return { text: fallbackText, source: 'FALLBACK', fallbackReason: outcome.reason, numbersRemoved: [] };
}

/** One streamed model answer: calls `onText` with each delta, resolves with the whole text. */
export type StreamAnswer = (onText: (delta: string) => void) => Promise<{ text: string }>;

export interface StreamedOutput {
  /** A checked piece the client may see. */
  token(text: string): void;
  /** The first answer stated a number about the user that is not in the record: it is being written again. */
  restart(): void;
}

export interface GroundedStream {
  /** The answer as the client should keep it (what was shown, plus the note when sentences were left out); null when nothing usable is left. */
  text: string | null;
  /** The model's own text of the last round (empty means the model gave no answer). */
  modelText: string;
  numbersRemoved: string[];
}

/**
 * A streamed chat answer under the number check: checked sentences are shown as they complete; an
 * ungrounded one closes the gate, `restart` tells the client, and the answer is streamed once more; if the
 * second one is ungrounded too, the rest of its checked text and the note are sent.
 */
export async function streamGrounded(stream: StreamAnswer, grounding: ChatGrounding, out: StreamedOutput): Promise<GroundedStream> {
  let shown = '';
  const show = (text: string) => {
    shown += text;
    out.token(text);
  };
  const once = async () => {
    const gate = groundingGate(grounding);
    const reply = await stream((delta) => gate.push(delta).forEach(show));
    gate.end().forEach(show);
    return { reply, closed: gate.closed };
  };
  let { reply, closed } = await once();
  if (!closed) return { text: shown, modelText: reply.text, numbersRemoved: [] };
  out.restart();
  shown = '';
  ({ reply, closed } = await once());
  if (!closed) return { text: shown, modelText: reply.text, numbersRemoved: [] };
  const cleaned = grounding.withoutUngrounded(reply.text);
  if (cleaned.text === '') return { text: null, modelText: reply.text, numbersRemoved: cleaned.removed };
  const before = shown.trimEnd();
  const rest = cleaned.text.startsWith(before) ? cleaned.text.slice(before.length) : `\n${cleaned.text}`;
  out.token(`${rest} ${NUMBERS_REMOVED_NOTE}`);
  return { text: `${cleaned.text} ${NUMBERS_REMOVED_NOTE}`, modelText: reply.text, numbersRemoved: cleaned.removed };
}
