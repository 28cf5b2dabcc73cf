import type { Dapr, Logger } from '@healthsync/shared';
import { z } from 'zod';

/**
 * The day's AI usage for the run report, from the usage-analytics service (Python; its access
 * control lets batch read it):
 *   GET /internal/usage-analytics/days/{day} → { day, currency, total: { requests, … }, features: […] }
 * The report never fails because of it: when the service is down, slow or answers outside the
 * contract, the report says `available: false`.
 */
const figures = z.object({
  requests: z.number().int().min(0),
  failedRequests: z.number().int().min(0),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  estimatedCostUsd: z.number().min(0),
  unpricedRequests: z.number().int().min(0),
});
const daySchema = z.object({
  day: z.iso.date(),
  currency: z.literal('USD'),
  total: figures,
  features: z.array(figures.extend({ feature: z.string(), model: z.string() })),
});

export type AiUsage = ({ available: true } & z.infer<typeof daySchema>) | { available: false };

export interface UsageReader {
  day(day: string): Promise<AiUsage>;
}

export function createUsageReader(options: { dapr: Dapr; appId: string; timeoutMs: number; logger: Logger }): UsageReader {
  return {
    async day(day) {
      try {
        const answer = daySchema.safeParse(await options.dapr.invoke(options.appId, `internal/usage-analytics/days/${day}`, { timeoutMs: options.timeoutMs }));
        if (answer.success) return { available: true, ...answer.data };
        options.logger.warn('usage-analytics answered outside its contract; the run report shows no AI usage', { day });
      } catch (error) {
        options.logger.warn('usage-analytics unavailable; the run report shows no AI usage', {
          day,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return { available: false };
    },
  };
}
