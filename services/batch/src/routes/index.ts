import { serviceInfoRoute, type Db, type RouteSpec } from '@healthsync/shared';
import type { DeliveriesRepository } from '../adapters/deliveries-repository.js';
import type { RunsRepository } from '../adapters/runs-repository.js';
import type { UsageReader } from '../adapters/usage-analytics-client.js';
import type { EncouragementRun } from '../handlers/encouragement-run.js';
import type { Inbox } from '../handlers/inbox.js';
import type { PushDevices } from '../handlers/push.js';
import { createDeviceRoutes } from './devices.js';
import { createExportRoutes } from './export.js';
import { createNotificationRoutes } from './notifications.js';
import { createRunRoutes } from './runs.js';

export interface BatchRouteDeps {
  inbox: Inbox;
  devices: PushDevices;
  runs: RunsRepository;
  deliveries: DeliveriesRepository;
  encouragement: EncouragementRun;
  usage: UsageReader;
  db: Db | undefined;
}

/** Every route of the batch service, in mount order (also what the API document is made from). */
export function batchRoutes(deps: BatchRouteDeps): RouteSpec[] {
  return [
    serviceInfoRoute('batch', 'notifications', deps.db),
    ...createDeviceRoutes(deps.devices),
    ...createNotificationRoutes(deps.inbox),
    ...createRunRoutes(deps.runs, deps.deliveries, deps.encouragement, deps.usage),
    ...createExportRoutes(deps.db),
  ];
}
