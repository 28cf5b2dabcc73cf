import { serviceInfoRoute, type ServiceDefinition } from '@healthsync/shared';
import { settings } from './config.js';

export const userService: ServiceDefinition<typeof settings> = {
  name: 'user',
  dbSchema: 'user_service',
  settings,
  async build({ db }) {
    return { routes: [serviceInfoRoute('user', 'users', db)] };
  },
};
