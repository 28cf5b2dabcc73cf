import { stopOnSignals } from '@healthsync/shared';
import { readGatewayConfig } from './config.js';
import { startGateway } from './server.js';

stopOnSignals(await startGateway(readGatewayConfig()));
