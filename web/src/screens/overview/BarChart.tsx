/**
 * A plain SVG bar chart: one bar per item, its value over it and its label under it, a few grid
 * lines with compact amounts. The SVG is an image with a summary label; each bar has a <title>,
 * and the figures are also given as a table (the caller's) for screen readers and copying.
 */
import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Shown over the bar (e.g. the amount). */
  valueLabel: string;
  /** The bar's tooltip and accessible text. */
  title: string;
  tone?: 'calm' | 'warn' | 'alert' | 'good';
}

const PAD = { top: 24, right: 8, bottom: 36, left: 80 };

/** A round upper bound for the axis: 1, 2, 2.5 or 5 × 10^n. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function BarChart({
  bars,
  label,
  axisLabel,
  className,
  width: W = 640,
  height: H = 240,
}: {
  bars: Bar[];
  label: string;
  axisLabel: (value: number) => string;
  className?: string;
  width?: number;
  height?: number;
}) {
  const titleId = useId();
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(56, slot * 0.62);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  return (
    <svg
      className={['bar-chart', className ?? ''].join(' ').trim()}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{label}</title>
      <g className="chart-grid" aria-hidden="true">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart-axis' : undefined} />
            <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {axisLabel(t)}
            </text>
          </g>
        ))}
      </g>
      {bars.map((b, i) => {
        const cx = PAD.left + slot * i + slot / 2;
        const h = Math.max(b.value > 0 ? 2 : 0, (b.value / top) * plotH);
        return (
          <g key={b.key} className={`chart-bar chart-bar-${b.tone ?? 'calm'}`} data-key={b.key}>
            <title>{b.title}</title>
            <rect x={cx - barW / 2} y={PAD.top + plotH - h} width={barW} height={h} rx={3} />
            {b.value > 0 && (
              <text x={cx} y={PAD.top + plotH - h - 6} textAnchor="middle" className="chart-value">
                {b.valueLabel}
              </text>
            )}
            <text x={cx} y={H - PAD.bottom + 18} textAnchor="middle" className="chart-label">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
