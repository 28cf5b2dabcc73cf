/**
 * The number-grounding check: a model answer may only mention numbers that are in the facts it
 * was given. A reading that says "공복혈당 131" when the record says 113, or "3개월 만에 20%
 * 좋아졌어요" when the record says nothing of the sort, is rejected. Numbers are compared by
 * value ("7.50" in the record allows "7.5"); thousands separators and full-width digits are
 * normalised first.
 */
const NUMBER = /\d+(?:\.\d+)?/g;

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

export function canonicalNumber(raw: string): string {
  return String(Number(raw));
}

/** Every number in a text, canonical, in order of appearance. */
export function numbersIn(text: string): string[] {
  return (normalise(text).match(NUMBER) ?? []).map(canonicalNumber);
}

/** The numbers a set of facts allows: every number in their JSON form. */
export function allowedNumbers(facts: unknown): Set<string> {
  return new Set(numbersIn(typeof facts === 'string' ? facts : JSON.stringify(facts)));
}

/** Numbers in the texts that the facts do not contain (empty when the texts are grounded). */
export function ungroundedNumbers(texts: readonly string[], allowed: ReadonlySet<string>): string[] {
  const foreign = texts.flatMap(numbersIn).filter((n) => !allowed.has(n));
  return [...new Set(foreign)];
}
