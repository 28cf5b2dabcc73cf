import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, createMetrics, systemClock } from '@healthsync/shared';
import { ModelUnavailableError, type LanguageModel, type ModelReply } from '../../src/adapters/claude.js';
import type { TokenSpend } from '../../src/domain/budget.js';
import type { ModelPrompt } from '../../src/domain/prompts.js';
import { createAiRunner } from '../../src/handlers/ai-runner.js';
import type { ReserveResult, TokenBudget } from '../../src/handlers/token-budget.js';

/**
 * The runner's use of the budget, with an in-memory budget and model: reserve before every call,
 * settle with what the call spent, and no call when the reservation is refused.
 */
const prompt: ModelPrompt = { feature: 'chat', version: 'chat-v1', system: '규칙', messages: [{ role: 'user', content: '질문' }], facts: {} };
const reply = (text: string, spend: TokenSpend): ModelReply => ({ text, toolInput: undefined, stopReason: 'end_turn', ...spend });

function fakeBudget(answer: 'RESERVED' | 'EXCEEDED' | 'UNAVAILABLE') {
  const log: string[] = [];
  const budget: Pick<TokenBudget, 'reserve'> = {
    async reserve(_userId, tokens): Promise<ReserveResult> {
      log.push(`reserve ${tokens}`);
      if (answer !== 'RESERVED') return { kind: answer };
      return { kind: 'RESERVED', reservation: { tokens, settle: async (spend) => void log.push(`settle ${spend.inputTokens}+${spend.outputTokens}`) } };
    },
  };
  return { budget: budget as TokenBudget, log };
}

function fakeModel(answers: Array<ModelReply | Error>, log: string[]): LanguageModel {
  return {
    model: 'claude-test',
    async complete() {
      log.push('call');
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return next;
    },
    stream: () => Promise.reject(new Error('not used')),
    breakerState: () => 'CLOSED',
  };
}

function runner(budget: TokenBudget, model: LanguageModel) {
  return createAiRunner({
    model,
    budget,
    requestDeadlineMs: 5_000,
    maxTokens: 100,
    clock: systemClock,
    logger: createLogger('test', 'error'),
    metrics: createMetrics('test'),
  });
}

const accept = (text: string) => ({ ok: true as const, value: text });

describe('the AI runner and the token budget', () => {
  test('when a call fits, then it is reserved first (prompt + max_tokens) and settled with what it spent', async () => {
    const { budget, log } = fakeBudget('RESERVED');
    const outcome = await runner(budget, fakeModel([reply('답', { inputTokens: 3, outputTokens: 1 })], log)).text(prompt, 'u1', accept, 100);
    assert.deepEqual(outcome, { source: 'AI', value: '답' });
    assert.deepEqual(log, ['reserve 104', 'call', 'settle 3+1']);
  });

  test('when the call does not fit the day’s budget, then the model is not called and the answer is a flagged fallback', async () => {
    const { budget, log } = fakeBudget('EXCEEDED');
    const outcome = await runner(budget, fakeModel([], log)).text(prompt, 'u1', accept, 100);
    assert.deepEqual(outcome, { source: 'FALLBACK', reason: 'DAILY_TOKEN_BUDGET_EXCEEDED' });
    assert.deepEqual(log, ['reserve 104']);
  });

  test('when the budget cannot be read, then the model is not called either', async () => {
    const { budget, log } = fakeBudget('UNAVAILABLE');
    const outcome = await runner(budget, fakeModel([], log)).text(prompt, 'u1', accept, 100);
    assert.deepEqual(outcome, { source: 'FALLBACK', reason: 'TOKEN_BUDGET_UNAVAILABLE' });
    assert.deepEqual(log, ['reserve 104']);
  });

  test('when the model fails, then the reservation is released with what the failure still spent', async () => {
    const { budget, log } = fakeBudget('RESERVED');
    const broken = new ModelUnavailableError('STREAM_INTERRUPTED', 'broke off', { inputTokens: 3, outputTokens: 2 });
    const outcome = await runner(budget, fakeModel([broken], log)).text(prompt, 'u1', accept, 100);
    assert.deepEqual(outcome, { source: 'FALLBACK', reason: 'AI_STREAM_INTERRUPTED' });
    assert.deepEqual(log, ['reserve 104', 'call', 'settle 3+2']);

    const none = fakeBudget('RESERVED');
    await runner(none.budget, fakeModel([new ModelUnavailableError('OVERLOADED', 'busy')], none.log)).text(prompt, 'u1', accept, 100);
    assert.deepEqual(none.log, ['reserve 104', 'call', 'settle 0+0'], 'a call that never answered spent nothing');
  });

  test('when an answer is rejected and asked for again, then the second call reserves and settles on its own', async () => {
    const { budget, log } = fakeBudget('RESERVED');
    const answers = [reply('', { inputTokens: 3, outputTokens: 0 }), reply('좋아요', { inputTokens: 3, outputTokens: 2 })];
    const parse = (text: string) => (text === '' ? { ok: false as const, reason: 'INVALID_OUTPUT' as const, detail: 'empty' } : accept(text));
    const outcome = await runner(budget, fakeModel(answers, log)).text(prompt, 'u1', parse, 100);
    assert.deepEqual(outcome, { source: 'AI', value: '좋아요' });
    assert.deepEqual(log, ['reserve 104', 'call', 'settle 3+0', 'reserve 104', 'call', 'settle 3+2']);
  });
});
