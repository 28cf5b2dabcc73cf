/**
 * Numbers as the app's reading check sees them: every run of digits (with an optional decimal
 * part) in a text, compared by value, so "7.50" in a request allows "7.5" in an answer.
 */
const NUMBER = /\d+(?:\.\d+)?/g;

export function canonicalNumber(raw: string): string {
  return String(Number(raw));
}

export function numbersIn(text: string): string[] {
  return (text.match(NUMBER) ?? []).map(canonicalNumber);
}

export function numberSet(text: string): Set<string> {
  return new Set(numbersIn(text));
}

/** Numbers that appear in `text` but nowhere in the request. */
export function foreignNumbers(text: string, allowed: ReadonlySet<string>): string[] {
  return numbersIn(text).filter((n) => !allowed.has(n));
}

/** A whole number that the request does not contain, for the invent-number control mode. */
export function inventNumber(allowed: ReadonlySet<string>): number {
  let candidate = 37;
  while (allowed.has(String(candidate))) candidate += 1;
  return candidate;
}

/** Splits text into sentences, keeping each sentence's closing punctuation and line breaks. */
export function sentences(text: string): string[] {
  return text.match(/[^.!?。\n]+(?:[.!?。]+|\n|$)\s*/g)?.filter((s) => s.trim() !== '') ?? [];
}

/**
 * The normal-mode guard: drops any sentence that carries a number the request did not contain.
 * The composer is written not to produce such sentences; this keeps a template slip from
 * turning into a reading the app would reject.
 */
export function withoutForeignNumbers(text: string, allowed: ReadonlySet<string>): string {
  if (foreignNumbers(text, allowed).length === 0) return text;
  return sentences(text)
    .filter((sentence) => foreignNumbers(sentence, allowed).length === 0)
    .join('')
    .trim();
}
