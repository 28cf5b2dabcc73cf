import { randomBytes } from 'node:crypto';
import type { OutageSwitch } from '../adapters/outage.js';
import type { PeopleRegistry } from '../adapters/people-registry.js';
import type { SessionStore } from '../adapters/session-store.js';
import { normalizeIdentity } from '../domain/checkup-record.js';
import { type ResultCode, codes, withExtra } from '../domain/codes.js';
import { decodeRequestBody } from '../domain/encoding.js';
import { maskName, maskPhone } from '../domain/masking.js';
import { type ResultOptions, buildResultData } from '../domain/payload.js';
import { generatePerson } from '../domain/synthetic.js';
import { type TwoWaySession, confirm, isExpired, providers, sameTwoWayInfo } from '../domain/two-way.js';
import type { Logger } from '../logger.js';
import { type CheckupParams, isTwoWay, parseCheckupParams } from '../routes/checkup-params.js';

/** CODEF's response envelope (before URL-encoding). */
export interface Envelope {
  result: ResultCode & { transactionId: string };
  data: unknown;
}

export interface CheckupHandlerDeps {
  sessions: SessionStore;
  people: PeopleRegistry;
  outage: OutageSwitch;
  clock: { now(): number };
  logger: Logger;
  approvalTtlMs: number;
  unapprovedRetries: number;
}

/** 24 hex digits like CODEF's transaction ids (a Mongo ObjectId: 4 bytes of seconds, 8 random). */
function newTransactionId(now: number): string {
  return (
    Math.floor(now / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8) + randomBytes(8).toString('hex')
  );
}

/** Runs one product call, first or second step, and returns the envelope to send. */
export function createCheckupHandler(deps: CheckupHandlerDeps) {
  // Key order as in CODEF's samples: code, extraMessage, message, transactionId.
  const resultOf = (r: ResultCode, transactionId: string) => ({
    code: r.code,
    extraMessage: r.extraMessage,
    message: r.message,
    transactionId,
  });
  const envelope = (now: number, r: ResultCode, data: unknown = {}, transactionId = newTransactionId(now)): Envelope => ({
    result: resultOf(r, transactionId),
    data,
  });

  const twoWayData = (s: TwoWaySession) => ({
    jobIndex: s.info.jobIndex,
    threadIndex: s.info.threadIndex,
    jti: s.info.jti,
    twoWayTimestamp: s.info.twoWayTimestamp,
    continue2Way: true,
    extraInfo: { commSimpleAuth: '' },
    method: 'simpleAuth',
  });

  const logContext = (s: TwoWaySession) => ({
    name: maskName(s.identity.name),
    phone: maskPhone(s.identity.phone),
    provider: providers[s.provider] ?? s.provider,
  });

  function start(p: CheckupParams, now: number): Envelope {
    if (p.id) {
      const unfinished = deps.sessions.all().some((s) => s.requestId === p.id && (s.state === 'pending' || s.state === 'approved') && !isExpired(s, now));
      if (unfinished) return envelope(now, codes.previousSessionPending);
    }
    const transactionId = newTransactionId(now);
    const options: ResultOptions = {
      userName: p.userName,
      inquiryType: p.inquiryType || '0',
      type: p.type || '0',
      ...(p.searchStartYear ? { searchStartYear: p.searchStartYear } : {}),
      ...(p.searchEndYear ? { searchEndYear: p.searchEndYear } : {}),
    };
    const session: TwoWaySession = {
      // CODEF's sample answers jti equal to the transaction id, with job and thread index 0.
      info: { jobIndex: 0, threadIndex: 0, jti: transactionId, twoWayTimestamp: now },
      identity: normalizeIdentity({ name: p.userName, birthDate: p.identity, phone: p.phoneNo }),
      provider: p.loginTypeLevel,
      ...(p.id ? { requestId: p.id } : {}),
      options,
      createdAt: now,
      expiresAt: now + deps.approvalTtlMs,
      state: 'pending',
      unapprovedConfirms: 0,
    };
    deps.sessions.put(session);
    deps.logger.info('simple auth requested; waiting for approval on the phone', logContext(session));
    return envelope(now, codes.twoWayRequired, twoWayData(session), transactionId);
  }

  function complete(p: CheckupParams, now: number): Envelope {
    const info = p.twoWayInfo;
    const session = info ? deps.sessions.get(info.jti) : undefined;
    if (!info || !session || !sameTwoWayInfo(session.info, info)) {
      return envelope(now, withExtra(codes.invalidParameter, 'twoWayInfo'));
    }
    const identity = normalizeIdentity({ name: p.userName, birthDate: p.identity, phone: p.phoneNo });
    const changed = (['name', 'birthDate', 'phone'] as const).find((k) => identity[k] !== session.identity[k]);
    if (changed) {
      const field = { name: 'userName', birthDate: 'identity', phone: 'phoneNo' }[changed];
      return envelope(now, withExtra(codes.invalidParameter, field));
    }

    const { outcome, session: next } = confirm(session, now, deps.unapprovedRetries);
    deps.sessions.put(next);
    deps.logger.info('two-way confirm', { ...logContext(session), outcome });
    switch (outcome) {
      case 'results': {
        const person = deps.people.find(session.identity) ?? generatePerson(session.identity);
        return envelope(now, codes.success, buildResultData(person, { ...session.options, userName: p.userName }));
      }
      case 'pending':
        return envelope(now, codes.twoWayRequired, twoWayData(next));
      case 'denied':
        return envelope(now, codes.userDenied);
      case 'expired':
        return envelope(now, codes.sessionTimeout);
      case 'exhausted':
        return envelope(now, codes.retryLimitExceeded);
      case 'finished':
        return envelope(now, withExtra(codes.invalidParameter, 'twoWayInfo'));
    }
  }

  return {
    handle(rawBody: string): Envelope {
      const now = deps.clock.now();
      const decoded = decodeRequestBody(rawBody);
      if (!decoded.ok) return envelope(now, decoded.problem === 'encoding' ? codes.unsupportedEncoding : codes.invalidJson);
      const parsed = parseCheckupParams(decoded.value);
      if (!parsed.ok) {
        const base = parsed.problem.kind === 'missing' ? codes.missingParameter : codes.invalidParameter;
        return envelope(now, withExtra(base, parsed.problem.field));
      }
      const outage = deps.outage.current();
      if (outage.down && outage.mode === 'error') {
        deps.logger.warn('simulated NHIS outage: answering CF-12003');
        return envelope(now, codes.institutionError);
      }
      return isTwoWay(parsed.params) ? complete(parsed.params, now) : start(parsed.params, now);
    },
  };
}
