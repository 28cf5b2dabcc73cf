/**
 * "Download my data" (docs/decisions/021-download-my-data.md). Pure: the export's states and what
 * the app sees of them, the daily limit, the retry back-off, and the ZIP's file list and manifest.
 */
import { DATA_EXPORT_SCHEMA_VERSION } from '@healthsync/shared';

/** Stored states. `EXPIRED` is also what a `READY` export past its expiry shows before the sweeper got to it. */
export const EXPORT_STATES = ['PENDING', 'READY', 'FAILED', 'EXPIRED'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];
/** What the API shows: the state in lower case. */
export const EXPORT_STATUSES = ['pending', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportRow {
  id: string;
  userId: string;
  state: ExportState;
  createdAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
  sizeBytes: number | null;
  failure: string | null;
}

export interface ExportView {
  exportId: string;
  status: ExportStatus;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  size: number | null;
  /** Where the ZIP is downloaded (with the user's token) while it is ready; null otherwise. */
  downloadUrl: string | null;
  /** Why it failed (failed only). */
  failure: string | null;
}

/** The state the user sees now: a ready export whose expiry passed is expired even before the sweeper removed it. */
export function effectiveState(row: Pick<ExportRow, 'state' | 'expiresAt'>, now: Date): ExportState {
  if (row.state === 'READY' && row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return row.state;
}

export const downloadPath = (exportId: string) => `/api/users/me/exports/${exportId}/download`;

export function exportView(row: ExportRow, now: Date): ExportView {
  const state = effectiveState(row, now);
  return {
    exportId: row.id,
    status: state.toLowerCase() as ExportStatus,
    createdAt: row.createdAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    size: state === 'READY' ? row.sizeBytes : null,
    downloadUrl: state === 'READY' ? downloadPath(row.id) : null,
    failure: state === 'FAILED' ? row.failure : null,
  };
}

/** The moves a build may make; anything else is a bug (a finished export never goes back to pending). */
const TRANSITIONS: Record<ExportState, readonly ExportState[]> = {
  PENDING: ['PENDING', 'READY', 'FAILED'],
  READY: ['EXPIRED'],
  FAILED: [],
  EXPIRED: [],
};
export const canMove = (from: ExportState, to: ExportState): boolean => TRANSITIONS[from].includes(to);

/** What a new request gets: the export already being built, a refusal (daily limit), or a new export. */
export type RequestDecision = { kind: 'in-progress'; exportId: string } | { kind: 'limited'; retryAfterSeconds: number } | { kind: 'start' };

/**
 * One export at a time per user: while one is pending, asking again returns it (an impatient tap is
 * not an error). At most `perDay` exports started in any 24 hours; the refusal says when the oldest
 * of them leaves the window.
 */
export function decideRequest(recent: readonly Pick<ExportRow, 'id' | 'state' | 'createdAt'>[], now: Date, perDay: number): RequestDecision {
  const pending = recent.find((r) => r.state === 'PENDING');
  if (pending) return { kind: 'in-progress', exportId: pending.id };
  const dayAgo = now.getTime() - 86_400_000;
  const inWindow = recent.filter((r) => r.createdAt.getTime() > dayAgo).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (inWindow.length >= perDay) {
    const frees = inWindow[inWindow.length - perDay]!.createdAt.getTime() + 86_400_000;
    return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
  }
  return { kind: 'start' };
}

/** After the n-th failed attempt (1, 2, …): doubling from `baseSeconds`, at most an hour. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}

/** One service's part as the ZIP holds it: one JSON file per area. */
export interface ExportPart {
  app: string;
  schemaVersion: number;
  areas: Record<string, unknown>;
}

export interface ZipFile {
  path: string;
  data: Buffer;
}

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
  /** `<app>/<area>` for the JSON files, `health/documents` for the sheets, `readme` for the README. */
  content: string;
}

export interface Manifest {
  format: 'healthsync-data-export';
  formatVersion: number;
  exportId: string;
  userId: string;
  generatedAt: string;
  parts: { app: string; schemaVersion: number; areas: string[] }[];
  files: ManifestFile[];
}

const AREA = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The JSON files of the parts, in a stable order (apps by name, areas by name). Pretty-printed: people read them. */
export function partFiles(parts: readonly ExportPart[]): ZipFile[] {
  const apps = new Set<string>();
  const files: ZipFile[] = [];
  for (const part of [...parts].sort((a, b) => a.app.localeCompare(b.app))) {
    if (!AREA.test(part.app) || apps.has(part.app)) throw new Error(`the part of ${part.app} is named twice or badly`);
    apps.add(part.app);
    for (const area of Object.keys(part.areas).sort()) {
      if (!AREA.test(area)) throw new Error(`${part.app} names an area badly: ${area}`);
      files.push({ path: `${part.app}/${area}.json`, data: Buffer.from(`${JSON.stringify(part.areas[area], null, 2)}\n`, 'utf8') });
    }
  }
  return files;
}

/** The manifest of what the ZIP holds (every file but itself), with each file's size and SHA-256. */
export function buildManifest(input: {
  exportId: string;
  userId: string;
  generatedAt: Date;
  parts: readonly ExportPart[];
  files: readonly (ManifestFile | (Omit<ManifestFile, 'sha256' | 'bytes'> & { bytes: number; sha256: string }))[];
}): Manifest {
  const paths = new Set<string>();
  for (const file of input.files) {
    if (paths.has(file.path)) throw new Error(`${file.path} is in the export twice`);
    paths.add(file.path);
  }
  return {
    format: 'healthsync-data-export',
    formatVersion: DATA_EXPORT_SCHEMA_VERSION,
    exportId: input.exportId,
    userId: input.userId,
    generatedAt: input.generatedAt.toISOString(),
    parts: [...input.parts]
      .sort((a, b) => a.app.localeCompare(b.app))
      .map((p) => ({ app: p.app, schemaVersion: p.schemaVersion, areas: Object.keys(p.areas).sort() })),
    files: input.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256, content: f.content })),
  };
}

/** The file name offered for the download, e.g. `healthsync-my-data-20261124.zip` (the Seoul day it was made). */
export function exportFileName(generatedAt: Date): string {
  const seoul = new Date(generatedAt.getTime() + 9 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `healthsync-my-data-${seoul}.zip`;
}

/** A stored sheet's file name in the ZIP, by its content type. */
export function documentPath(checkupId: string, contentType: string): string {
  const extension = contentType.startsWith('application/pdf')
    ? 'pdf'
    : contentType.startsWith('image/png')
      ? 'png'
      : contentType.startsWith('image/jpeg')
        ? 'jpg'
        : 'bin';
  return `health/documents/${checkupId}.${extension}`;
}

export const README = [
  'HealthSync — 내 데이터 (Download my data)',
  '',
  '이 파일은 HealthSync가 보관하고 있는 회원님의 모든 정보입니다. 서비스별 폴더에 영역마다 JSON 파일이 하나씩 있고,',
  'health/documents 에는 국민건강보험공단에서 받은 건강검진 결과지 원본이 있습니다. manifest.json 에 파일 목록,',
  '만든 시각(generatedAt)과 각 부분의 스키마 버전이 있습니다.',
  '',
  'Everything HealthSync holds about you: one folder per service, one JSON file per area, the original',
  'checkup sheets under health/documents, and manifest.json listing every file (size, SHA-256), the time',
  'it was generated and each part’s schema version. Times are ISO 8601 in UTC; days are Asia/Seoul.',
  '',
  'user/          profile, consent-history (every consent decision), identities (linked sign-ins)',
  'health/        profile-facts, checkups (each judged against the official criteria), access-log (who read your health data), documents/',
  'goal/          mission-sets, check-offs, celebrations',
  'intelligence/  chats (with their messages), recommendations, ai-usage',
  'batch/         notifications (the inbox), notification-preferences, push-devices (the token’s last characters only)',
  '',
].join('\n');
