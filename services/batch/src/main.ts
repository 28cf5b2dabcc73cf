import { startService, stopOnSignals } from '@healthsync/shared';
import { batchService } from './server.js';

stopOnSignals(await startService(batchService));
