import { useId } from 'react';
import type { Ok } from './api.js';
import { GRADE_LABELS, koreanDate, type Grade } from './labels.js';

export type Series = Ok<'/api/health/trends', 'get'>['series'][number];

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 52, right: 20, top: 18, bottom: 44 };
/** Room between the axis and the first and last point, so their labels stay inside the plot. */
const INSET = 28;
const GRADE_ORDER = ['NORMAL_A', 'NORMAL_B', 'SUSPECTED_DISEASE', 'NOT_CLASSIFIED'];

const BAND_FILL: Record<string, string> = {
  NORMAL_A: '#dcefe1',
  NORMAL_B: '#fbeec8',
  SUSPECTED_DISEASE: '#f8d9d6',
  NOT_CLASSIFIED: '#e6e6e6',
};
const POINT_FILL: Record<string, string> = {
  NORMAL_A: '#1a6b34',
  NORMAL_B: '#8a5a00',
  SUSPECTED_DISEASE: '#b3261e',
};

function niceNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The y range: every value and every band edge, with a little room. */
export function valueDomain(series: Series): [number, number] {
  const values = series.points.map((p) => p.value);
  const edges = (series.bands ?? []).flatMap((b) => [b.from, b.to]).filter((v): v is number => typeof v === 'number');
  let lo = Math.min(...values, ...edges);
  let hi = Math.max(...values, ...edges);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * One item's values over the years on its grade bands (정상A green, 정상B amber, 질환의심 red),
 * drawn as SVG. A table with the same numbers follows for screen readers.
 */
export function TrendChart({ series }: { series: Series }) {
  const id = useId();
  const bands = series.bands ?? [];
  const [lo, hi] = valueDomain(series);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const n = series.points.length;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : INSET + (i / (n - 1)) * (plotW - 2 * INSET));
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  const line = series.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const ticks = Array.from(new Set(bands.flatMap((b) => [b.from, b.to]).filter((v): v is number => typeof v === 'number' && v > lo && v < hi)));

  return (
    <figure className="trend" data-item={series.item}>
      <figcaption id={`${id}-title`}>
        {series.name} <span className="fine">({series.unit})</span>
      </figcaption>
      <svg
        className="trend-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-points={n}
        data-bands={bands.length}
      >
        <desc id={`${id}-desc`}>
          {series.points.map((p) => `${p.examYear}년 ${p.value}${series.unit} ${GRADE_LABELS[(p.grade ?? '') as Grade] ?? ''}`).join(', ')}
        </desc>
        {bands.map((band, i) => {
          const top = y(clamp(band.to ?? hi));
          const bottom = y(clamp(band.from ?? lo));
          if (bottom - top <= 0) return null;
          return (
            <rect
              key={i}
              className={`band band-${band.grade}`}
              data-grade={band.grade}
              x={PAD.left}
              width={plotW}
              y={top}
              height={bottom - top}
              fill={BAND_FILL[band.grade] ?? '#eeeeee'}
            />
          );
        })}
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={PAD.left + plotW} y1={y(tick)} y2={y(tick)} stroke="#8a8a8a" strokeDasharray="4 3" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={12} fill="#333">
              {niceNumber(tick)}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} stroke="#555" />
        <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#555" />
        {n > 1 && <path className="trend-line" d={line} fill="none" stroke="#1f3f8f" strokeWidth={2.5} />}
        {series.points.map((p, i) => (
          <g key={p.checkupId} className="point" data-grade={p.grade ?? 'NONE'}>
            <circle cx={x(i)} cy={y(p.value)} r={6} fill={POINT_FILL[p.grade ?? ''] ?? '#444'} stroke="#fff" strokeWidth={2} />
            <text x={x(i)} y={y(p.value) - 11} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1b1b1b">
              {niceNumber(p.value)}
            </text>
            <text x={x(i)} y={PAD.top + plotH + 18} textAnchor="middle" fontSize={12} fill="#333">
              {p.examYear}
            </text>
          </g>
        ))}
      </svg>
      <ul className="legend" aria-hidden="true">
        {GRADE_ORDER.filter((grade) => bands.some((b) => b.grade === grade)).map((grade) => (
          <li key={grade}>
            <span className={`swatch swatch-${grade}`} /> {GRADE_LABELS[grade as Grade] ?? grade}
          </li>
        ))}
      </ul>
      <table className="visually-hidden">
        <caption>{series.name} 검진별 값</caption>
        <thead>
          <tr>
            <th scope="col">검진일</th>
            <th scope="col">값</th>
            <th scope="col">판정</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map((p) => (
            <tr key={p.checkupId}>
              <td>{koreanDate(p.examDate ?? `${p.examYear}-01-01`)}</td>
              <td>
                {p.value} {series.unit}
              </td>
              <td>{GRADE_LABELS[(p.grade ?? '') as Grade] ?? '판정 없음'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
