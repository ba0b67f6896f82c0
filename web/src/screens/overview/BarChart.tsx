/**
 * A plain SVG bar chart: one bar per item, its value over it and its label under it, a few grid
 * lines with compact amounts. The SVG is an image with a summary label; each bar has a <title>,
 * and the figures are also given as a table (the caller's) for screen readers and copying.
 */
import { type RefObject, useId, useLayoutEffect, useRef, useState } from 'react';

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
/** Narrower than this, the chart is drawn at its real width (text at its real size), not scaled down. */
const MIN_WIDTH = 240;

/** The SVG's drawn width in CSS pixels, followed as the page resizes (null until measured). */
function useDrawnWidth(ref: RefObject<SVGSVGElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** A label too wide for its bar's slot on two lines, split at the last space. */
function labelLines(label: string, slot: number): string[] {
  const space = label.lastIndexOf(' ');
  return slot >= label.length * 7 || space < 0 ? [label] : [label.slice(0, space), label.slice(space + 1)];
}

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
  width: designWidth = 640,
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
  const ref = useRef<SVGSVGElement>(null);
  const drawn = useDrawnWidth(ref);
  // As designed (scaled to fit) where there is room; narrower, at the real width so text keeps its size.
  const narrow = drawn !== null && drawn < designWidth;
  const W = narrow ? Math.max(MIN_WIDTH, drawn) : designWidth;
  const pad = narrow && W < 480 ? { ...PAD, left: 70 } : PAD;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(56, slot * 0.62);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  // The figure over a bar needs room: where bars are too close it is left to the table beside the chart.
  const showValues = slot >= 58;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  return (
    <svg
      ref={ref}
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
            <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart-axis' : undefined} />
            <text x={pad.left - 8} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {axisLabel(t)}
            </text>
          </g>
        ))}
      </g>
      {bars.map((b, i) => {
        const cx = pad.left + slot * i + slot / 2;
        const h = Math.max(b.value > 0 ? 2 : 0, (b.value / top) * plotH);
        return (
          <g key={b.key} className={`chart-bar chart-bar-${b.tone ?? 'calm'}`} data-key={b.key}>
            <title>{b.title}</title>
            <rect x={cx - barW / 2} y={pad.top + plotH - h} width={barW} height={h} rx={3} />
            {b.value > 0 && showValues && (
              <text x={cx} y={pad.top + plotH - h - 6} textAnchor="middle" className="chart-value">
                {b.valueLabel}
              </text>
            )}
            <text x={cx} y={H - pad.bottom + 18} textAnchor="middle" className="chart-label">
              {labelLines(b.label, slot).map((line, n) => (
                <tspan key={line} x={cx} dy={n === 0 ? 0 : 14}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
