import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { settings } from './config.js';

export const intelligenceService: ServiceDefinition<typeof settings> = {
  name: 'intelligence',
  dbSchema: 'intelligence_service',
  settings,
  async build({ db }) {
    return { routes: [serviceInfoRoute('intelligence', 'intelligence', db)] };
  },
};
