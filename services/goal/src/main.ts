import { startService, stopOnSignals } from '@healthsync/shared';
import { goalService } from './server.js';

stopOnSignals(await startService(goalService));
