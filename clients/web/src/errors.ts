/**
 * What a person reads when something goes wrong: plain Korean chosen by the problem+json `code`
 * (never the HTTP status, never the English `detail`). Codes this client does not know get a
 * general sentence; the code itself stays out of sight (it is kept on the error for the console).
 */
const MESSAGES: Record<string, string> = {
  ACCESS_LOG_UNAVAILABLE: '지금은 열람 기록을 남길 수 없어 건강 정보를 보여 드릴 수 없어요. 잠시 후 다시 시도해 주세요.',
  ACCOUNT_DELETED: '삭제된 계정이에요. 다시 이용하려면 새로 로그인해 주세요.',
  ACCOUNT_NOT_FOUND: '계정을 찾을 수 없어요. 다시 로그인해 주세요.',
  CHAT_NOT_FOUND: '상담 내용을 찾을 수 없어요. 새 상담을 시작해 주세요.',
  CHAT_STREAMS_EXCEEDED: '답변은 동시에 두 개까지만 받을 수 있어요. 진행 중인 답변이 끝난 뒤 다시 물어봐 주세요.',
  CHECKUP_NOT_FOUND: '아직 검진 결과가 없어요. 먼저 건강검진을 연동해 주세요.',
  CLIENT_NOT_IDENTIFIED: '요청을 처리할 수 없어요. 잠시 후 다시 시도해 주세요.',
  CONSENT_REQUIRED: '이 기능을 쓰려면 먼저 동의가 필요해요. 설정의 개인정보 동의에서 동의해 주세요.',
  CONSENT_UNAVAILABLE: '지금은 동의 상태를 확인할 수 없어요. 아무것도 처리하지 않았으니 잠시 후 다시 시도해 주세요.',
  DOCUMENTS_UNAVAILABLE: '지금은 결과지 원본을 불러올 수 없어요. 검진 결과는 그대로 볼 수 있으니 잠시 후 다시 시도해 주세요.',
  DOCUMENT_NOT_FOUND: '이 검진은 결과지 원본이 제공되지 않았어요.',
  EMAIL_NOT_VERIFIED: 'Google 계정의 이메일 인증이 끝나지 않아 로그인할 수 없어요. Google에서 이메일을 인증한 뒤 다시 시도해 주세요.',
  IDENTITY_LINKED_ELSEWHERE: '이 로그인 계정은 이미 다른 HealthSync 계정에 연결되어 있어요.',
  HEALTH_DATA_UNAVAILABLE: '지금은 건강 기록을 불러올 수 없어요. 잠시 후 다시 시도해 주세요.',
  IDENTITY_PROVIDER_UNAVAILABLE: '지금은 Google 로그인을 이용할 수 없어요. 잠시 후 다시 시도해 주세요.',
  INTELLIGENCE_UNAVAILABLE: '지금은 AI 추천 미션을 확인할 수 없어요. 기본 미션 중에서 골라 주세요.',
  INVALID_CREDENTIAL: '로그인 정보를 확인하지 못했어요. 처음부터 다시 로그인해 주세요.',
  INVALID_REFRESH_TOKEN: '로그인이 만료되었어요. 다시 로그인해 주세요.',
  INVALID_TOKEN: '로그인이 만료되었어요. 다시 로그인해 주세요.',
  LINK_ATTEMPTS_EXCEEDED: '한 시간 동안 연동을 너무 여러 번 시도했어요. 잠시 후 다시 시도해 주세요.',
  LINK_BUSY: '검진 결과를 가져오는 중이에요. 잠시 후 다시 눌러 주세요.',
  LINK_NOT_FOUND: '연동 요청을 찾을 수 없어요. 처음부터 다시 연동해 주세요.',
  MALFORMED_JSON: '입력한 내용을 확인해 주세요.',
  METHOD_NOT_ALLOWED: '지원하지 않는 요청이에요. 화면을 새로 고쳐 주세요.',
  MISSION_NOT_ACTIVE: '지금 진행 중인 미션이 아니에요. 화면을 새로 고쳐 주세요.',
  NHIS_IDENTITY_MISMATCH: '본인의 검진만 연동할 수 있어요. 이름과 생년월일이 프로필과 같은지 확인해 주세요.',
  NHIS_REQUEST_FAILED: '건강보험공단이 인증 요청을 받지 않았어요. 입력한 정보를 확인하고 잠시 후 다시 시도해 주세요.',
  NHIS_UNAVAILABLE: '지금은 건강보험공단에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.',
  NO_ACTIVE_MISSIONS: '진행 중인 미션이 없어요.',
  NO_CHECKUPS: '아직 검진 결과가 없어요. 먼저 건강검진을 연동해 주세요.',
  NON_CANONICAL_PATH: '잘못된 요청이에요. 화면을 새로 고쳐 주세요.',
  NOTIFICATION_NOT_FOUND: '알림을 찾을 수 없어요.',
  PAYLOAD_TOO_LARGE: '보낸 내용이 너무 길어요.',
  PROFILE_INCOMPLETE: '프로필 정보를 확인하고 있어요. 잠시 후 다시 시도해 주세요.',
  RATE_LIMITED: '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.',
  RECOMMENDATIONS_NOT_FOUND: '아직 추천받은 미션이 없어요. 먼저 미션을 추천받아 주세요.',
  REFRESH_TOKEN_REUSED: '보안을 위해 로그아웃되었어요. 다시 로그인해 주세요.',
  REVOCATION_CHECK_UNAVAILABLE: '지금은 로그인 상태를 확인할 수 없어요. 잠시 후 다시 시도해 주세요.',
  REVOCATION_UNAVAILABLE: '지금은 처리할 수 없어요. 아무것도 바뀌지 않았으니 잠시 후 다시 시도해 주세요.',
  ROUTE_NOT_FOUND: '지원하지 않는 요청이에요. 화면을 새로 고쳐 주세요.',
  ROUTES_UNAVAILABLE: '서비스를 준비하고 있어요. 잠시 후 다시 시도해 주세요.',
  SESSION_REVOKED: '로그아웃되었어요. 다시 로그인해 주세요.',
  TOKEN_EXPIRED: '로그인이 만료되었어요. 다시 로그인해 주세요.',
  UNAUTHENTICATED: '로그인이 필요해요.',
  UPSTREAM_TIMEOUT: '응답이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.',
  UPSTREAM_UNAVAILABLE: '서비스에 잠시 문제가 있어요. 잠시 후 다시 시도해 주세요.',
  VALIDATION_FAILED: '입력한 내용을 확인해 주세요.',
  // The client's own situations.
  NETWORK: '서버에 연결할 수 없어요. 인터넷 연결을 확인하고 다시 시도해 주세요.',
  STREAM_INTERRUPTED: '답변이 중간에 끊겼어요. 다시 물어봐 주세요.',
  AI_STREAM_INTERRUPTED: '답변이 중간에 끊겼어요. 다시 물어봐 주세요.',
  SIGN_IN_CANCELLED: 'Google 로그인이 취소되었어요.',
  SIGN_IN_EXPIRED: '로그인 요청이 만료되었어요. 다시 로그인해 주세요.',
};

/** Names of the fields a VALIDATION_FAILED answer points at (`body.birthDate` …). */
const FIELDS: Record<string, string> = {
  name: '이름',
  birthDate: '생년월일',
  sex: '성별',
  occupation: '직업',
  phone: '휴대폰 번호',
  provider: '인증 앱',
  carrier: '통신사',
  message: '질문',
  quietHours: '방해 금지 시간',
  start: '시작 시각',
  end: '끝 시각',
  missionIds: '미션',
  date: '날짜',
};

const GENERAL = '문제가 생겼어요. 잠시 후 다시 시도해 주세요.';

export interface ProblemLike {
  code?: unknown;
  errors?: unknown;
  retryAfterSeconds?: unknown;
}

function fieldNames(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  const names = new Set<string>();
  for (const entry of errors) {
    const field = typeof entry === 'object' && entry !== null ? (entry as { field?: unknown }).field : undefined;
    if (typeof field !== 'string') continue;
    const known = field
      .split('.')
      .slice(1)
      .map((part) => FIELDS[part])
      .find(Boolean);
    if (known) names.add(known);
  }
  return [...names];
}

export function messageFor(code: string, problem?: ProblemLike): string {
  const base = MESSAGES[code] ?? GENERAL;
  if (code === 'VALIDATION_FAILED') {
    const names = fieldNames(problem?.errors);
    if (names.length > 0) return `입력한 내용을 확인해 주세요: ${names.join(', ')}`;
  }
  const wait = problem?.retryAfterSeconds;
  if (typeof wait === 'number' && wait > 0 && wait <= 3600 && (code === 'RATE_LIMITED' || code.endsWith('_UNAVAILABLE') || code === 'LINK_ATTEMPTS_EXCEEDED')) {
    return `${base} (약 ${wait < 60 ? `${wait}초` : `${Math.ceil(wait / 60)}분`} 뒤)`;
  }
  return base;
}

/** An error from the API or the network, with the message a person reads. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, problem?: ProblemLike) {
    super(messageFor(code, problem));
    this.name = 'ApiError';
    this.code = code;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new ApiError('STREAM_INTERRUPTED');
  return new ApiError('NETWORK');
}
