/**
 * Result codes the stand-in answers with, in CODEF's `result` shape.
 *
 * Sources (see PROTOCOL.md for the full table):
 *  - docs/reference/nhis.md §4.2 gives CF-00000 (success), CF-03002 (additional auth needed) and CF-12001
 *    (previous session not finished / input timeout). Their codes are used verbatim.
 *  - Messages "성공" and the CF-03002 extraMessage are copied from CODEF's own SDK README samples.
 *  - CF-00001 text is from a stored real CODEF response; CF-00002/00007/00009 texts are the
 *    constants CODEF's client libraries use for the same codes.
 *  - CF-12872 (unapproved retry limit) is the code CODEF's Java SDK v2 checks for; its message is ours.
 *  - CHOSEN, not documented anywhere we found: CF-12863 for "user denied", CF-12003 for "NHIS
 *    (the target institution) failed", CF-09999 for "aggregator itself unavailable". Messages ours.
 */
export interface ResultCode {
  code: string;
  message: string;
  extraMessage: string;
}

const code = (c: string, message: string, extraMessage = ''): ResultCode => ({ code: c, message, extraMessage });

export const codes = {
  success: code('CF-00000', '성공'),
  twoWayRequired: code('CF-03002', '성공', 'API 요청 처리가 정상 진행 중입니다. 추가 정보를 입력하세요.'),
  missingParameter: code('CF-00001', '필수 입력 파라미터가 누락되었습니다.'),
  invalidJson: code('CF-00002', 'json형식이 올바르지 않습니다.'),
  invalidParameter: code('CF-00007', '요청 파라미터가 올바르지 않습니다.'),
  unsupportedEncoding: code('CF-00009', '지원하지 않는 형식으로 인코딩된 문자열입니다.'),
  /** Two-way session timed out (approval window passed), or a new request reused the `id` of an unfinished one. */
  sessionTimeout: code('CF-12001', '사용자 입력 시간이 초과되었습니다.'),
  previousSessionPending: code('CF-12001', '사용자 입력 시간이 초과되었습니다.', '이전 요청이 아직 완료되지 않았습니다.'),
  retryLimitExceeded: code('CF-12872', '간편인증 요청 후 인증을 완료하지 않아 추가인증 가능 횟수를 초과했습니다.', '처음부터 다시 요청하세요.'),
  userDenied: code('CF-12863', '사용자가 인증을 취소했습니다.'),
  institutionError: code('CF-12003', '대상기관 서버 오류입니다. 잠시 후 다시 시도하세요.'),
  aggregatorUnavailable: code('CF-09999', '서버 처리 중 에러가 발생했습니다.'),
} as const;

export function withExtra(result: ResultCode, extraMessage: string): ResultCode {
  return { ...result, extraMessage };
}
