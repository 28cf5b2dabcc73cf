import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { settings } from './config.js';

export const healthService: ServiceDefinition<typeof settings> = {
  name: 'health',
  dbSchema: 'health_service',
  settings,
  async build({ db }) {
    return { routes: [serviceInfoRoute('health', 'health', db)] };
  },
};
