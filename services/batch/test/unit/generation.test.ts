import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generationSettings } from '../../src/config.js';
import { deliveryDue, deliveryInstant, generationLate, lateText, pagesByBytes, preparedText } from '../../src/domain/generation.js';
import { fallbackNudge } from '../../src/domain/nudge-text.js';
import { buildFacts } from './builders.js';

const facts = buildFacts({ consecutiveMissedDays: 4 });

describe('texts generated ahead of delivery', () => {
  test('when the delivery time is 09:00, then the run’s messages are due from 09:00 Seoul time (00:00 UTC), and late an hour later', () => {
    assert.equal(deliveryInstant('2026-03-10', '09:00').toISOString(), '2026-03-10T00:00:00.000Z');
    assert.equal(deliveryDue(new Date('2026-03-09T23:59:59Z'), '2026-03-10', '09:00'), false);
    assert.equal(deliveryDue(new Date('2026-03-10T00:00:00Z'), '2026-03-10', '09:00'), true);
    assert.equal(deliveryDue(new Date('2026-03-09T15:00:00Z'), '2026-03-10', '00:00'), true, '00:00 delivers as soon as a text is ready');
    assert.equal(generationLate(new Date('2026-03-10T00:59:00Z'), '2026-03-10', '09:00', 60), false);
    assert.equal(generationLate(new Date('2026-03-10T01:00:00Z'), '2026-03-10', '09:00', 60), true);
  });

  test('when requests are paged for intelligence, then every page stays under the byte and count limits and nothing is lost', () => {
    const requests = Array.from({ length: 250 }, (_, i) => ({ customId: `u${i}`, facts: { title: '점심 후 15분 걷기'.repeat(1 + (i % 7)) } }));
    const pages = pagesByBytes(requests, 4_000, 40);
    assert.deepEqual(pages.flat(), requests);
    for (const page of pages) {
      assert.ok(page.length <= 40);
      assert.ok(Buffer.byteLength(JSON.stringify(page)) <= 4_000, `${Buffer.byteLength(JSON.stringify(page))} bytes`);
    }
    assert.deepEqual(pagesByBytes([{ big: 'x'.repeat(100) }], 10, 5), [[{ big: 'x'.repeat(100) }]], 'an oversized request gets a page of its own');
    assert.deepEqual(pagesByBytes([], 10, 5), []);
  });

  test('when intelligence’s text can be shown, then it is used with its source; otherwise the batch’s own fallback with the user’s numbers', () => {
    assert.deepEqual(preparedText({ text: ' 오늘 하나만 해 봐요! ', source: 'AI', fallbackReason: null }, facts), {
      text: '오늘 하나만 해 봐요!',
      source: 'AI',
      reason: null,
    });
    assert.deepEqual(preparedText({ text: '🌱 새로운 하루예요.', source: 'FALLBACK', fallbackReason: 'AI_BATCH_EXPIRED' }, facts), {
      text: '🌱 새로운 하루예요.',
      source: 'FALLBACK',
      reason: 'AI_BATCH_EXPIRED',
    });
    const tooLong = preparedText({ text: '가'.repeat(81), source: 'AI', fallbackReason: null }, facts);
    assert.deepEqual(tooLong, { text: fallbackNudge(facts), source: 'FALLBACK', reason: 'UNACCEPTABLE_TEXT' });
    assert.match(tooLong.text, /4일/);
    assert.equal(preparedText({ text: '둘째 줄\n있음', source: 'AI', fallbackReason: null }, facts).source, 'FALLBACK');
    assert.deepEqual(lateText(facts), { text: fallbackNudge(facts), source: 'FALLBACK', reason: 'GENERATION_LATE' });
  });

  test('when texts are written per message, then there are no generation settings; with batches the delivery time must be HH:MM', () => {
    const base = {
      BATCH_DELIVERY_TIME: '09:00',
      BATCH_GENERATION_CHUNK_SIZE: 10_000,
      BATCH_GENERATION_GRACE_MINUTES: 60,
      BATCH_DELIVERY_PAGE_SIZE: 1_000,
      BATCH_GENERATION_TIMEOUT_MS: 60_000,
    };
    assert.equal(generationSettings({ ...base, BATCH_TEXTS: 'per-message' }), undefined);
    assert.deepEqual(generationSettings({ ...base, BATCH_TEXTS: 'batches' }), {
      deliveryTime: '09:00',
      chunkSize: 10_000,
      graceMinutes: 60,
      deliveryPageSize: 1_000,
      timeoutMs: 60_000,
    });
  });
});
