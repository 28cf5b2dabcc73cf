import { serviceInfoRoute, type Clock, type ConsentCheck, type Db, type RouteSpec } from '@healthsync/shared';
import type { AccessAudit } from '../handlers/access-audit.js';
import type { Reading } from '../handlers/checkups.js';
import type { DataExports } from '../handlers/data-exports.js';
import type { Linking } from '../handlers/links.js';
import { createAccessLogRoutes } from './access-log.js';
import { createCheckupRoutes } from './checkups.js';
import { createDataExportRoutes } from './data-exports.js';
import { createInternalRoutes } from './internal.js';
import { createLinkRoutes } from './links.js';

/** Every route of the health service, in mount order (also what the API document is made from). */
export function healthRoutes(deps: {
  reading: Reading;
  linking: Linking;
  audit: AccessAudit;
  consents: ConsentCheck;
  exports: DataExports;
  clock: Clock;
  db: Db | undefined;
}): RouteSpec[] {
  return [
    serviceInfoRoute('health', 'health', deps.db),
    ...createLinkRoutes(deps.linking, deps.consents),
    ...createCheckupRoutes(deps.reading, deps.audit, deps.clock),
    ...createAccessLogRoutes(deps.audit),
    ...createDataExportRoutes(deps.exports),
    ...createInternalRoutes(deps.reading, deps.audit),
  ];
}
