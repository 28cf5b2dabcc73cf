import { startService, stopOnSignals } from '@healthsync/shared';
import { userService } from './server.js';

stopOnSignals(await startService(userService));
