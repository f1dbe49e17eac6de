import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series { label: string; values: Array<number | null>; color: string }

/** A small uPlot line chart; x = bucket labels (index axis), with an accessible table fallback for screen readers. */
export function LineChart({ title, labels, series, height = 220 }: { title: string; labels: string[]; series: Series[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !labels.length) return;
    const xs = labels.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height,
        scales: { x: { time: false } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => labels[Math.round(t)]?.slice(5, labels[0]?.includes('T00:00') ? 10 : 16) ?? '') },
          {},
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: labels.length < 40 } }))],
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [labels, series, height]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} aria-hidden="true" />
      <table className="sr-only">
        <caption>{title}</caption>
        <thead><tr><th scope="col">Period</th>{series.map((s) => <th key={s.label} scope="col">{s.label}</th>)}</tr></thead>
        <tbody>{labels.map((l, i) => <tr key={l}><th scope="row">{l}</th>{series.map((s) => <td key={s.label}>{s.values[i] ?? ''}</td>)}</tr>)}</tbody>
      </table>
    </figure>
  );
}
