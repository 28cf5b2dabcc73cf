import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  consentVersionSchema,
  DATA_EXPORT_SCHEMA_VERSION,
  NotFoundError,
  route,
  type Db,
  type RouteSpec,
} from '@healthsync/shared';
import { z } from 'zod';
import { OCCUPATIONS } from '../domain/profile.js';

const exampleUserId = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/** The user service's part of "Download my data": the account, every consent decision and the sign-in identities. */
export const userExportSchema = z.object({
  userId: z.uuid(),
  schemaVersion: z.literal(DATA_EXPORT_SCHEMA_VERSION),
  areas: z.object({
    profile: z.object({
      id: z.uuid(),
      email: z.string().nullable(),
      emailVerified: z.boolean(),
      name: z.string().nullable(),
      picture: z.string().nullable(),
      birthDate: z.iso.date().nullable(),
      sex: z.enum(['M', 'F']).nullable(),
      occupation: z.enum(OCCUPATIONS).nullable(),
      status: z.enum(['PENDING', 'ACTIVE']),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
    }),
    'consent-history': z
      .array(
        z.object({
          purpose: z.enum(CONSENT_PURPOSES),
          action: z.enum(['GRANT', 'WITHDRAW']),
          version: consentVersionSchema,
          channel: z.enum(CONSENT_CHANNELS),
          recordedAt: z.iso.datetime(),
        }),
      )
      .describe('Every consent decision, oldest first (the consents in force are the latest per purpose)'),
    identities: z.array(z.object({ issuer: z.string(), subject: z.string(), linkedAt: z.iso.datetime() })).describe('The sign-ins linked to the account'),
  }),
});
export type UserExport = z.infer<typeof userExportSchema>;

const userExportExample: UserExport = {
  userId: exampleUserId,
  schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
  areas: {
    profile: {
      id: exampleUserId,
      email: 'minji.kim@example.com',
      emailVerified: true,
      name: '김민지',
      picture: null,
      birthDate: '1988-04-12',
      sex: 'F',
      occupation: 'OFFICE_WORKER',
      status: 'ACTIVE',
      createdAt: '2026-03-02T00:41:07.512Z',
      updatedAt: '2026-03-02T00:43:10.020Z',
    },
    'consent-history': [{ purpose: 'HEALTH_DATA', action: 'GRANT', version: '2026-12-01', channel: 'APP', recordedAt: '2026-03-02T00:43:00.000Z' }],
    identities: [{ issuer: 'https://accounts.google.com', subject: '104857392010293847561', linkedAt: '2026-03-02T00:41:07.512Z' }],
  },
};

const iso = (d: Date) => d.toISOString();

/** Reads the user's part; undefined when there is no live account. */
export async function readUserExport(db: Db, userId: string): Promise<UserExport | undefined> {
  const account = await db.query<{
    id: string;
    email: string | null;
    emailVerified: boolean;
    name: string | null;
    picture: string | null;
    birthDate: string | null;
    sex: 'M' | 'F' | null;
    occupation: UserExport['areas']['profile']['occupation'];
    status: 'PENDING' | 'ACTIVE';
    createdAt: Date;
    updatedAt: Date;
  }>(
    `select id, email, email_verified as "emailVerified", name, picture, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", sex, occupation,
            status, created_at as "createdAt", updated_at as "updatedAt"
       from users where id = $1 and status <> 'DELETED'`,
    [userId],
  );
  const row = account.rows[0];
  if (!row) return undefined;
  const [consents, identities] = await Promise.all([
    db.query<{
      purpose: (typeof CONSENT_PURPOSES)[number];
      action: 'GRANT' | 'WITHDRAW';
      version: string;
      channel: (typeof CONSENT_CHANNELS)[number];
      recordedAt: Date;
    }>('select purpose, action, version, channel, recorded_at as "recordedAt" from consent_events where user_id = $1 order by id', [userId]),
    db.query<{ issuer: string; subject: string; linkedAt: Date }>(
      'select issuer, subject, linked_at as "linkedAt" from identities where user_id = $1 order by linked_at, issuer',
      [userId],
    ),
  ]);
  return {
    userId,
    schemaVersion: DATA_EXPORT_SCHEMA_VERSION,
    areas: {
      profile: { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) },
      'consent-history': consents.rows.map((c) => ({ ...c, recordedAt: iso(c.recordedAt) })),
      identities: identities.rows.map((i) => ({ ...i, linkedAt: iso(i.linkedAt) })),
    },
  };
}

/** For the health service only (it builds the user's export; dapr/local/user.yaml names it). */
export function createExportRoutes(db: Db | undefined): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/internal/users/:userId/export',
      operationId: 'internalUserExport',
      summary: 'The user service’s part of the user’s data export: profile, every consent decision, the linked sign-ins',
      description: 'Read for the user themself (the right of access): no consent is needed. A deleted or unknown account is 404.',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ userId: z.uuid() }),
      example: { params: { userId: exampleUserId } },
      responses: {
        200: { description: 'The part, one area per file of the export', schema: userExportSchema, example: userExportExample },
        404: { description: 'No live account', codes: { ACCOUNT_NOT_FOUND: 'The account does not exist.' } },
      },
      async handler({ params }) {
        const part = await readUserExport(db!, params.userId);
        if (!part) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        return part;
      },
    }),
  ];
}
