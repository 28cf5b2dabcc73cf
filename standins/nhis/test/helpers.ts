import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { type RunningStandin, start } from '../src/server.js';

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret';
export const PRODUCT_PATH = '/v1/kr/public/pp/nhis-health-checkup/result';

/** Starts the stand-in in-process on a free port, through the same config loader main.ts uses. */
export async function startStandin(env: Record<string, string> = {}): Promise<RunningStandin> {
  const config = loadConfig({
    NHIS_STANDIN_PORT: '0',
    NHIS_STANDIN_CLIENT_ID: CLIENT_ID,
    NHIS_STANDIN_CLIENT_SECRET: CLIENT_SECRET,
    NHIS_STANDIN_CONTROL: 'true',
    ...env,
  });
  return start(config, { logger: silentLogger });
}

export async function getToken(url: string): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=read',
  });
  if (res.status !== 200) throw new Error(`token: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Decodes a CODEF body the way a client must: '+' is a space, then percent-decoding. */
export function decodeBody(text: string): unknown {
  return JSON.parse(decodeURIComponent(text.replace(/\+/g, ' ')));
}

export interface Envelope {
  result: { code: string; extraMessage: string; message: string; transactionId: string };
  data: Record<string, unknown>;
}

export interface TwoWayData {
  jobIndex: number;
  threadIndex: number;
  jti: string;
  twoWayTimestamp: number;
  continue2Way: boolean;
  method: string;
  extraInfo: Record<string, string>;
}

/** A product call with a URL-encoded JSON body, as CODEF's SDKs send it. */
export async function callProduct(
  url: string,
  token: string,
  params: Record<string, unknown>,
  options: { raw?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; envelope: Envelope; text: string }> {
  const res = await fetch(`${url}${PRODUCT_PATH}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: options.raw ?? encodeURIComponent(JSON.stringify(params)),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, envelope: decodeBody(text) as Envelope, text };
}

export interface TestPerson {
  userName: string;
  identity: string;
  phoneNo: string;
}

/** A person nobody else in the run uses (unique name), with a fixed adult birth date. */
export function uniquePerson(birthDate = '19750315'): TestPerson {
  const digits = String(parseInt(randomUUID().replace(/-/g, '').slice(0, 8), 16) % 100_000_000).padStart(8, '0');
  return { userName: `테스트${randomUUID().slice(0, 6)}`, identity: birthDate, phoneNo: `010${digits}` };
}

/** First-step parameters for a Kakao simple auth (loginTypeLevel 1). */
export function firstStep(person: TestPerson, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organization: '0002',
    loginType: '5',
    loginTypeLevel: '1',
    telecom: '0',
    inquiryType: '0',
    ...person,
    ...extra,
  };
}

/** Second step: the first step's parameters again plus is2Way, simpleAuth and the two-way info. */
export function secondStep(first: Record<string, unknown>, data: TwoWayData): Record<string, unknown> {
  return {
    ...first,
    is2Way: true,
    simpleAuth: '1',
    twoWayInfo: {
      jobIndex: data.jobIndex,
      threadIndex: data.threadIndex,
      jti: data.jti,
      twoWayTimestamp: data.twoWayTimestamp,
    },
  };
}

export async function control(url: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export const approve = (url: string, jti: string) => control(url, `/_control/approvals/${jti}`, { decision: 'approve' });
export const deny = (url: string, jti: string) => control(url, `/_control/approvals/${jti}`, { decision: 'deny' });

/** Runs the whole happy path for one person and returns the CF-00000 envelope. */
export async function fetchResults(url: string, token: string, first: Record<string, unknown>): Promise<Envelope> {
  const step1 = await callProduct(url, token, first);
  const data = step1.envelope.data as unknown as TwoWayData;
  await approve(url, data.jti);
  const step2 = await callProduct(url, token, secondStep(first, data));
  if (step2.envelope.result.code !== 'CF-00000') throw new Error(`expected CF-00000, got ${step2.envelope.result.code}`);
  return step2.envelope;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
