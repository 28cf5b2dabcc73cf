/**
 * The access audit (docs/decisions/020-consents-and-access-audit.md): every read of a user's
 * health data, by whom, what, when and why. Pure: the shapes, the opaque page cursor and the
 * sentence the app shows.
 */
export const ACCESSOR_KINDS = ['USER', 'SERVICE', 'OPERATOR'] as const;
export type AccessorKind = (typeof ACCESSOR_KINDS)[number];

export const AUDITED_RESOURCES = ['CHECKUP_LIST', 'CHECKUP', 'CHECKUP_DOCUMENT', 'LATEST_CHECKUP', 'TRENDS', 'LATEST_JUDGED'] as const;
export type AuditedResource = (typeof AUDITED_RESOURCES)[number];

export const ACCESS_PURPOSES = ['USER_VIEW', 'AI_READING', 'AI_RECOMMENDATIONS', 'AI_CHAT', 'EXPORT'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** The purposes another service may give when it reads a user's checkups (the AI features). */
export const SERVICE_PURPOSES = ['AI_READING', 'AI_RECOMMENDATIONS', 'AI_CHAT'] as const satisfies readonly AccessPurpose[];

export interface AccessRecord {
  userId: string;
  accessorKind: AccessorKind;
  accessor: string;
  resource: AuditedResource;
  resourceId: string | null;
  purpose: AccessPurpose;
  accessedAt: Date;
}

/** A read by the user themself, through the app. */
export const byUser = (userId: string, resource: AuditedResource, resourceId: string | null, accessedAt: Date): AccessRecord => ({
  userId,
  accessorKind: 'USER',
  accessor: userId,
  resource,
  resourceId,
  purpose: 'USER_VIEW',
  accessedAt,
});

const APP_ID = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * The calling app as its sidecar names it (`dapr-caller-app-id`, set by the calling sidecar from
 * its mTLS identity); anything else is recorded as unidentified rather than trusted.
 */
export function callerApp(header: string | string[] | undefined): string {
  return typeof header === 'string' && APP_ID.test(header) ? header : 'unidentified-service';
}

const RESOURCE_KO: Record<AuditedResource, string> = {
  CHECKUP_LIST: '건강검진 이력',
  CHECKUP: '건강검진 상세',
  CHECKUP_DOCUMENT: '건강검진 결과지 원본',
  LATEST_CHECKUP: '최근 건강검진 결과',
  TRENDS: '검진 항목별 추이',
  LATEST_JUDGED: '최근 건강검진 결과와 판정',
};
const PURPOSE_KO: Record<AccessPurpose, string> = {
  USER_VIEW: '본인 조회',
  AI_READING: 'AI 건강검진 해석',
  AI_RECOMMENDATIONS: 'AI 맞춤 미션 추천',
  AI_CHAT: 'AI 건강 상담',
  EXPORT: '내 데이터 제공 요청',
};
const ACCESSOR_KO: Record<string, string> = { intelligence: 'HealthSync AI 서비스' };

/** The line the app shows, e.g. "HealthSync AI 서비스가 AI 건강검진 해석을 위해 최근 건강검진 결과와 판정을 열람했습니다." */
export function describeAccess(record: Pick<AccessRecord, 'accessorKind' | 'accessor' | 'resource' | 'purpose'>): string {
  const who =
    record.accessorKind === 'USER'
      ? '본인'
      : record.accessorKind === 'OPERATOR'
        ? `운영자(${record.accessor})`
        : (ACCESSOR_KO[record.accessor] ?? `${record.accessor} 서비스`);
  const why = record.purpose === 'USER_VIEW' ? '' : `${PURPOSE_KO[record.purpose]}을 위해 `;
  return `${who}${record.accessorKind === 'USER' ? '이' : '가'} ${why}${RESOURCE_KO[record.resource]}을(를) 열람했습니다.`;
}

/** The page cursor: the id of the last entry of the previous page, opaque to clients. */
export const encodeAuditCursor = (id: string): string => Buffer.from(`a:${id}`).toString('base64url');

/** The id a cursor stands for; undefined when it is not one this list gave. */
export function decodeAuditCursor(cursor: string): bigint | undefined {
  const match = /^a:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? BigInt(match[1]!) : undefined;
}
