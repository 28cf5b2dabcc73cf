import { UpstreamUnavailableError, type Dapr, type Logger } from '@healthsync/shared';
import { latestJudgedSchema, type LatestJudged } from '../domain/health-record.js';

/**
 * The health service, through service invocation. When it cannot answer, AI features that need
 * the record say so (503 HEALTH_DATA_UNAVAILABLE, or a chat answer marked as given without it);
 * nothing else in this service depends on it.
 */
/** Why the record is read; the health service records it in the user's access audit. */
export type ReadPurpose = 'AI_READING' | 'AI_RECOMMENDATIONS' | 'AI_CHAT';

export interface HealthClient {
  latestJudged(userId: string, purpose: ReadPurpose): Promise<LatestJudged>;
}

export class HealthDataUnavailableError extends UpstreamUnavailableError {
  constructor(detail: string) {
    super('HEALTH_DATA_UNAVAILABLE', `The health record is unavailable right now (${detail}); try again shortly.`, 15);
  }
}

export function createHealthClient(deps: { dapr: Dapr; timeoutMs: number; logger: Logger }): HealthClient {
  return {
    async latestJudged(userId, purpose) {
      let body: unknown;
      try {
        body = await deps.dapr.invoke('health', `internal/health/users/${encodeURIComponent(userId)}/latest-judged?purpose=${purpose}`, {
          method: 'GET',
          timeoutMs: deps.timeoutMs,
        });
      } catch (error) {
        deps.logger.warn('health service did not answer the latest judged checkup', { error: String(error) });
        throw new HealthDataUnavailableError('the health service did not answer');
      }
      const parsed = latestJudgedSchema.safeParse(body);
      if (!parsed.success) {
        deps.logger.error('health service answered outside its contract', { issues: parsed.error.issues.slice(0, 5) });
        throw new HealthDataUnavailableError('the health service answered in an unexpected shape');
      }
      return parsed.data;
    },
  };
}
