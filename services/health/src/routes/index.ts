import { serviceInfoRoute, type Db, type RouteSpec } from '@healthsync/shared';
import type { Reading } from '../handlers/checkups.js';
import type { Linking } from '../handlers/links.js';
import { createCheckupRoutes } from './checkups.js';
import { createInternalRoutes } from './internal.js';
import { createLinkRoutes } from './links.js';

/** Every route of the health service, in mount order (also what the API document is made from). */
export function healthRoutes(deps: { reading: Reading; linking: Linking; db: Db | undefined }): RouteSpec[] {
  return [
    serviceInfoRoute('health', 'health', deps.db),
    ...createLinkRoutes(deps.linking),
    ...createCheckupRoutes(deps.reading),
    ...createInternalRoutes(deps.reading),
  ];
}
