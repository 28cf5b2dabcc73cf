import { NotFoundError, seoulToday, type Clock } from '@healthsync/shared';
import type { AnswerCache } from '../adapters/answer-cache.js';
import type { HealthClient } from '../adapters/health-client.js';
import { fallbackReading, parseReading, RISK_LABELS, type ReadingLine, type RiskLevel } from '../domain/diagnosis.js';
import { buildRecord, factsHash } from '../domain/health-record.js';
import type { FallbackReason, Outcome, Source } from '../domain/outcome.js';
import { diagnosisPrompt } from '../domain/prompts.js';
import type { AiRunner } from './ai-runner.js';

export interface DiagnosisView {
  examDate: string | null;
  lines: ReadingLine[];
  healthScore: number;
  riskLevel: RiskLevel;
  riskLevelLabel: string;
  source: Source;
  fallbackReason: FallbackReason | null;
  cached: boolean;
  promptVersion: string;
  generatedAt: string;
}

export interface DiagnosisDeps {
  health: HealthClient;
  cache: AnswerCache;
  runner: AiRunner;
  model: string;
  cacheTtlSeconds: number;
  clock: Clock;
}

/** The three-line reading of the user's latest checkup, cached until the facts change or a new import. */
export function createDiagnosis(deps: DiagnosisDeps) {
  return {
    async read(userId: string): Promise<DiagnosisView> {
      const latest = await deps.health.latestJudged(userId, 'AI_READING');
      if (!latest.checkup) throw new NotFoundError('CHECKUP_NOT_FOUND', 'No checkup has been imported yet; link NHIS results first.');
      const record = buildRecord(latest, seoulToday(deps.clock));
      const prompt = diagnosisPrompt(record);
      const hash = factsHash({ version: prompt.version, model: deps.model, facts: prompt.facts });
      const cached = await deps.cache.get<DiagnosisView>('diagnosis', userId, hash);
      if (cached) return { ...cached, cached: true };

      const outcome: Outcome<ReturnType<typeof fallbackReading>> =
        record.items.length === 0
          ? deps.runner.counted('diagnosis', { source: 'FALLBACK', reason: 'NO_JUDGED_ITEMS' })
          : await deps.runner.structured(prompt, userId, (input) => parseReading(input, record));
      const reading = outcome.source === 'AI' ? outcome.value : fallbackReading(record);
      const view: DiagnosisView = {
        examDate: record.examDate,
        lines: reading.lines,
        healthScore: reading.healthScore,
        riskLevel: reading.riskLevel,
        riskLevelLabel: RISK_LABELS[reading.riskLevel],
        source: outcome.source,
        fallbackReason: outcome.source === 'FALLBACK' ? outcome.reason : null,
        cached: false,
        promptVersion: prompt.version,
        generatedAt: deps.clock.now().toISOString(),
      };
      // Fallbacks are not cached: the next request tries the model again.
      if (outcome.source === 'AI') await deps.cache.put('diagnosis', userId, hash, view, deps.cacheTtlSeconds);
      return view;
    },
  };
}

export type Diagnosis = ReturnType<typeof createDiagnosis>;
