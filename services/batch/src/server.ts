import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { createRunsRepository } from './adapters/runs-repository.js';
import { settings } from './config.js';
import { createRunRoutes } from './routes/runs.js';
import { createDailyEncouragementTrigger, DAILY_ENCOURAGEMENT_BINDING } from './subscriptions/daily-encouragement.js';

export const batchService: ServiceDefinition<typeof settings> = {
  name: 'batch',
  dbSchema: 'batch_service',
  settings,
  async build({ db, logger }) {
    const runs = createRunsRepository(db);
    return {
      routes: [serviceInfoRoute('batch', 'notifications', db), ...createRunRoutes(runs)],
      inputBindings: [{ name: DAILY_ENCOURAGEMENT_BINDING, handle: createDailyEncouragementTrigger(runs, logger) }],
    };
  },
};
