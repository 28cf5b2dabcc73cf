import { serviceInfoRoute, type Db, type RouteSpec } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';
import { createExportRoutes } from './export.js';
import { createMissionRoutes } from './missions.js';
import { createProgressRoutes } from './progress.js';

/** Every route of the goal service, in mount order (also what the API document is made from). */
export function goalRoutes(deps: { goals: Goals; db: Db | undefined }): RouteSpec[] {
  return [serviceInfoRoute('goal', 'goals', deps.db), ...createMissionRoutes(deps.goals), ...createProgressRoutes(deps.goals), ...createExportRoutes(deps.db)];
}
