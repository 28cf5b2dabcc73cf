import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { settings } from './config.js';

export const goalService: ServiceDefinition<typeof settings> = {
  name: 'goal',
  dbSchema: 'goal_service',
  settings,
  async build({ db }) {
    return { routes: [serviceInfoRoute('goal', 'goals', db)] };
  },
};
