import { startService, stopOnSignals } from '@healthsync/shared';
import { healthService } from './server.js';

stopOnSignals(await startService(healthService));
