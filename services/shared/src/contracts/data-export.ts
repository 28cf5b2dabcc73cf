import { z } from 'zod';

/**
 * "Download my data" (PIPA art. 35, the right of access): the health service builds one ZIP of
 * everything the services hold about a user (docs/decisions/021-download-my-data.md). It asks each
 * other service for its part over service invocation; each part answers this envelope, whose
 * `areas` become one JSON file each in the ZIP (`<app>/<area>.json`).
 *
 * The parts are read for the user themself, so they work without the HEALTH_DATA or AI consents.
 * A registration token of a push device is never part of it (its last characters only).
 */
export const DATA_EXPORT_SCHEMA_VERSION = 1;

/** The apps that hold a part, besides health (which owns the export and adds its own part). */
export const DATA_EXPORT_PART_APPS = ['user', 'goal', 'intelligence', 'batch'] as const;
export type DataExportPartApp = (typeof DATA_EXPORT_PART_APPS)[number];

/** Names of a part's areas: lower-case words joined by hyphens (they become file names). */
export const exportAreaNameSchema = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'an area name is lower-case words joined by hyphens');

/** What every part answers: the user it is about, its own schema version and its areas. */
export const dataExportPartSchema = z.object({
  userId: z.uuid(),
  /** The part's own schema version (it changes when an area's shape changes). */
  schemaVersion: z.number().int().min(1),
  areas: z.record(exportAreaNameSchema, z.unknown()),
});
export type DataExportPart = z.infer<typeof dataExportPartSchema>;

/** The internal route of each part (service invocation of the app; its access control names health). */
export const dataExportPartPath: Record<DataExportPartApp, (userId: string) => string> = {
  user: (userId) => `internal/users/${encodeURIComponent(userId)}/export`,
  goal: (userId) => `internal/goals/users/${encodeURIComponent(userId)}/export`,
  intelligence: (userId) => `internal/intelligence/users/${encodeURIComponent(userId)}/export`,
  batch: (userId) => `internal/batch/users/${encodeURIComponent(userId)}/export`,
};
