import { startService, stopOnSignals } from '@healthsync/shared';
import { intelligenceService } from './server.js';

stopOnSignals(await startService(intelligenceService));
