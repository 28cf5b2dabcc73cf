import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trend, type Sample } from '../trend.js';

const every15s = (minutes: number, value: (t: number) => number): Sample[] =>
  Array.from({ length: (minutes * 60) / 15 + 1 }, (_, i) => ({ t: i * 15, value: value(i * 15) }));

// A deterministic wobble, like a heap between collections.
const wobble = (t: number) => 4 * Math.sin(t / 37) + 2 * Math.cos(t / 11);

test('a steady value with noise is flat', () => {
  const result = trend(
    every15s(30, (t) => 120 + wobble(t)),
    6,
  );
  assert.equal(result.verdict, 'flat');
  assert.ok(Math.abs(result.slopePerHour) < 10, String(result.slopePerHour));
});

test('a leak of 1 MB a minute is growing, with its slope per hour', () => {
  const result = trend(
    every15s(30, (t) => 120 + t / 60 + wobble(t)),
    6,
  );
  assert.equal(result.verdict, 'growing');
  assert.ok(Math.abs(result.slopePerHour - 60) < 5, String(result.slopePerHour));
});

test('a rise below the floor is flat even when certain', () => {
  const result = trend(
    every15s(5, (t) => 100 + t / 300),
    5,
  );
  assert.ok(result.rise < 5);
  assert.equal(result.verdict, 'flat');
});

test('a drop is flat; too few samples say nothing', () => {
  assert.equal(
    trend(
      every15s(10, (t) => 200 - t / 10),
      1,
    ).verdict,
    'flat',
  );
  assert.equal(
    trend(
      [
        { t: 0, value: 1 },
        { t: 10, value: 100 },
      ],
      1,
    ).verdict,
    'flat',
  );
});
