import { PROBLEM_DETAILS_KO, PROBLEM_TITLES_KO, type Problem } from '@healthsync/shared';

/**
 * The language of the words in problem+json (`title`, `detail`): Korean unless the client's
 * `Accept-Language` prefers English. `code` never changes. Pure.
 */
export type Language = 'ko' | 'en';

export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'ko';
  let best: { language: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const language = primary === 'ko' ? 'ko' : primary === 'en' ? 'en' : undefined;
    if (!language) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'ko';
}

/** The problem in the chosen language: English as the services wrote it, Korean from the catalogue. */
export function localiseProblem<P extends Pick<Problem, 'status' | 'code' | 'title' | 'detail'>>(body: P, language: Language): P {
  if (language === 'en') return body;
  const detail = PROBLEM_DETAILS_KO[body.code];
  return { ...body, title: PROBLEM_TITLES_KO[body.status] ?? body.title, ...(detail ? { detail } : {}) };
}
