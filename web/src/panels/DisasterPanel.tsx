// Disaster history: a year range that filters the map layer, and events per year and type.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchAllFeatures } from '../api/queries';
import type { Feature, Layer } from '../api/model';
import { useI18n } from '../i18n';
import { countByYearAndType, disasterFields, type YearCounts } from './disasterStats';

const PALETTE = ['#d84315', '#1565c0', '#2e7d32', '#f9a825', '#6a1b9a', '#00838f', '#8d6e63', '#c2185b'];

interface Props {
  layer: Layer;
  years: [number, number] | null;
  onYearsChange: (years: [number, number] | null) => void;
}

export function DisasterPanel({ layer, years, onYearsChange }: Props) {
  const { t } = useI18n();
  const fields = useMemo(() => disasterFields(layer), [layer]);
  const [features, setFeatures] = useState<Feature[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchAllFeatures({ layer: layer.key }, controller.signal)
      .then(setFeatures)
      .catch((e: unknown) => (e as Error).name !== 'AbortError' && setError(e instanceof ApiError ? e.message : String(e)));
    return () => controller.abort();
  }, [layer.key]);

  const stats = useMemo(() => (features && fields ? countByYearAndType(features, fields) : null), [features, fields]);
  const first = stats?.years[0];
  const last = stats?.years[stats.years.length - 1];
  const [from, to] = years ?? [first ?? 0, last ?? 0];

  if (error) return <p className="error" role="alert">{t('error', { message: error })}</p>;
  if (!stats) return <p role="status">{t('loading')}</p>;
  if (!stats.years.length || first === undefined || last === undefined) return <p>{t('disasterNoData')}</p>;

  const change = (a: number, b: number) => {
    const range: [number, number] = a <= b ? [a, b] : [b, a];
    onYearsChange(range[0] === first && range[1] === last ? null : range);
  };
  const yearOptions = stats.years.map((y) => (
    <option key={y} value={y}>
      {y}
    </option>
  ));
  let inRange = 0;
  for (const [year, perType] of stats.counts) if (year >= from && year <= to) for (const n of perType.values()) inRange += n;

  return (
    <div className="disaster-panel">
      <fieldset className="year-range">
        <legend>{t('disasterYears')}</legend>
        <label>
          {t('disasterFrom')}
          <select value={from} onChange={(e) => change(Number(e.target.value), to)} data-testid="disaster-from">
            {yearOptions}
          </select>
        </label>
        <span aria-hidden="true">〜</span>
        <label>
          {t('disasterTo')}
          <select value={to} onChange={(e) => change(from, Number(e.target.value))} data-testid="disaster-to">
            {yearOptions}
          </select>
        </label>
      </fieldset>
      <p className="muted" role="status">
        {t('disasterChartSummary', { from, to, count: inRange })}
      </p>
      <YearChart stats={stats} from={from} to={to} />
    </div>
  );
}

function YearChart({ stats, from, to }: { stats: YearCounts; from: number; to: number }) {
  const { t } = useI18n();
  const width = 276;
  const height = 120;
  const left = 22;
  const bottom = 16;
  const plotHeight = height - bottom - 4;
  const right = 12;
  const barWidth = (width - left - right) / stats.years.length;
  const scale = stats.max ? plotHeight / stats.max : 0;
  const colour = (type: string) => PALETTE[stats.types.indexOf(type) % PALETTE.length];
  const labelEvery = Math.ceil(stats.years.length / 6);
  return (
    <figure className="year-chart">
      <figcaption>{t('disasterChart')}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t('disasterChart')}>
        <line x1={left} y1={height - bottom} x2={width - right} y2={height - bottom} stroke="#888" />
        <text x={left - 3} y={10} textAnchor="end" fontSize="9">
          {stats.max}
        </text>
        <text x={left - 3} y={height - bottom} textAnchor="end" fontSize="9">
          0
        </text>
        {stats.years.map((year, i) => {
          const perType = stats.counts.get(year);
          let y = height - bottom;
          const dim = year < from || year > to;
          return (
            <g key={year} opacity={dim ? 0.25 : 1} data-year={year}>
              {stats.types.map((type) => {
                const n = perType?.get(type) ?? 0;
                if (!n) return null;
                const h = n * scale;
                y -= h;
                return (
                  <rect key={type} x={left + i * barWidth + 1} y={y} width={Math.max(1, barWidth - 2)} height={h} fill={colour(type)}>
                    <title>{`${year} ${type || '—'}: ${n}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text x={left + i * barWidth + barWidth / 2} y={height - 4} textAnchor="middle" fontSize="9">
                  {year}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        {stats.types.map((type) => (
          <li key={type}>
            <span className="swatch" style={{ background: colour(type) }} aria-hidden="true" />
            {type || '—'}
          </li>
        ))}
      </ul>
    </figure>
  );
}
