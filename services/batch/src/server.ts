import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { settings } from './config.js';

export const batchService: ServiceDefinition<typeof settings> = {
  name: 'batch',
  dbSchema: 'batch_service',
  settings,
  async build({ db }) {
    return { routes: [serviceInfoRoute('batch', 'notifications', db)] };
  },
};
