import { randomInt } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import type { Behaviour } from '../src/adapters/behaviour.js';
import type { LoggedRequest } from '../src/adapters/request-log.js';
import type { StatsSnapshot } from '../src/adapters/stats.js';
import { type RunningStandin, start } from '../src/server.js';

export const API_KEY = 'sk-ant-standin-test';
export const MODEL = 'claude-haiku-4-5';

/** Starts the stand-in in-process on a free port, through the same config loader main.ts uses. */
export async function startStandin(env: Record<string, string> = {}): Promise<RunningStandin> {
  const config = loadConfig({
    CLAUDE_STANDIN_PORT: '0',
    CLAUDE_STANDIN_API_KEY: API_KEY,
    CLAUDE_STANDIN_CONTROL: 'true',
    ...env,
  });
  return start(config, { logger: silentLogger });
}

/** The production client, pointed at the stand-in; no retries unless a test asks for them. */
export function sdk(url: string, options: { apiKey?: string; maxRetries?: number } = {}): Anthropic {
  return new Anthropic({ apiKey: options.apiKey ?? API_KEY, baseURL: url, maxRetries: options.maxRetries ?? 0 });
}

/** What the control endpoints answer: /_control/requests, /_control/behaviour, /_control/stats, or an error. */
export interface ControlAnswer {
  requests: LoggedRequest[];
  behaviour: Behaviour;
  error: string;
}
export type ControlBody = ControlAnswer & StatsSnapshot;

export async function control(url: string, path: string, body?: unknown): Promise<{ status: number; body: ControlBody }> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined && !path.endsWith('/reset') ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as ControlBody };
}

export interface CheckupItemFact {
  code: string;
  name: string;
  value: number;
  unit: string;
  grade: 'NORMAL_A' | 'NORMAL_B' | 'SUSPECTED_DISEASE';
}

export interface CheckupFacts {
  occupation: string;
  age: number;
  items: CheckupItemFact[];
}

/**
 * Judged checkup facts as the intelligence service sends them, with unique values per call so a
 * test can tell its own numbers from any other's: systolic pressure is flagged, glucose is
 * borderline, BMI and AST are normal.
 */
export function buildCheckupFacts(overrides: Partial<CheckupFacts> = {}): CheckupFacts {
  return {
    occupation: 'IT 개발자',
    age: randomInt(30, 60),
    items: [
      { code: 'BP_SYSTOLIC', name: '수축기 혈압', value: randomInt(141, 179), unit: 'mmHg', grade: 'SUSPECTED_DISEASE' },
      { code: 'FASTING_GLUCOSE', name: '공복혈당', value: randomInt(100, 125), unit: 'mg/dL', grade: 'NORMAL_B' },
      { code: 'BMI', name: '체질량지수', value: randomInt(19, 24) + 0.5, unit: 'kg/m2', grade: 'NORMAL_A' },
      { code: 'AST', name: 'AST', value: randomInt(15, 39), unit: 'U/L', grade: 'NORMAL_A' },
    ],
    ...overrides,
  };
}

export function userTurn(facts: unknown, ask: string): string {
  return `${ask}\n\n판정 결과:\n${JSON.stringify(facts)}`;
}

/** Every number in a text, canonical: the app's check for invented readings works the same way. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n)));
}

export function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}
