// Bytes over time as stacked bars (sent below received), drawn as inline SVG: a few dozen
// rectangles need no chart library. The numbers behind it are in the totals tables next to it.
import type { ActivityTotals } from '../../preload/contract/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

const WIDTH = 480;
const HEIGHT = 120;

export function BytesChart({ timeline }: { timeline: ActivityTotals['timeline'] }) {
  const { t, formatBytes, formatTimestamp } = useI18n();
  const { slices, start, sliceMs } = timeline;
  const peak = Math.max(1, ...slices.map((slice) => slice.bytesUp + slice.bytesDown));
  const width = WIDTH / Math.max(1, slices.length);
  const total = slices.reduce((sum, slice) => sum + slice.bytesUp + slice.bytesDown, 0);
  const end = start + sliceMs * slices.length;
  const label = t('activity.chart.label', { total: formatBytes(total), from: formatTimestamp(new Date(start)), to: formatTimestamp(new Date(end)) });
  return (
    <figure className="bytes-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="axis" />
        {slices.map((slice, index) => {
          const up = (slice.bytesUp / peak) * (HEIGHT - 4);
          const down = (slice.bytesDown / peak) * (HEIGHT - 4);
          const x = index * width + width * 0.12;
          return (
            <g key={index}>
              <rect x={x} y={HEIGHT - up} width={width * 0.76} height={up} className="sent" />
              <rect x={x} y={HEIGHT - up - down} width={width * 0.76} height={down} className="received" />
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend"><span className="swatch received" aria-hidden="true" />{t('activity.col.received')}</span>
        <span className="legend"><span className="swatch sent" aria-hidden="true" />{t('activity.col.sent')}</span>
        <span className="muted">{t('activity.chart.peak', { bytes: formatBytes(peak) })}</span>
      </figcaption>
    </figure>
  );
}
