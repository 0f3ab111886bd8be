// Legend of a printed sheet: the drawn data layers with their swatches, and the sheet's own symbols.
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { Swatch } from '../panels/LayerPanel';

export type LegendSymbol = 'place' | 'route' | 'segment' | 'highlight';

function Symbol({ kind }: { kind: LegendSymbol | 'boundary' | 'town' | 'road' }) {
  const common = { width: 22, height: 12, viewBox: '0 0 22 12', 'aria-hidden': true } as const;
  switch (kind) {
    case 'place':
      return (
        <svg {...common}>
          <circle cx="11" cy="6" r="4.5" fill="none" stroke="#d6336c" strokeWidth="1.6" />
          <circle cx="11" cy="6" r="1" fill="#d6336c" />
        </svg>
      );
    case 'route':
      return (
        <svg {...common}>
          <path d="M1 6H21" stroke="#ffd43b" strokeWidth="7" strokeLinecap="round" />
          <path d="M1 6H21" stroke="#c92a2a" strokeWidth="2" />
        </svg>
      );
    case 'segment':
      return (
        <svg {...common}>
          <circle cx="11" cy="6" r="5" fill="#fff" stroke="#c92a2a" strokeWidth="1.4" />
          <text x="11" y="8.5" fontSize="7" textAnchor="middle" fill="#c92a2a">
            1
          </text>
        </svg>
      );
    case 'highlight':
      return (
        <svg {...common}>
          <path d="M1 6H21" stroke="#0077ff" strokeWidth="3" />
        </svg>
      );
    case 'boundary':
      return (
        <svg {...common}>
          <path d="M1 6H21" stroke="#6c5a87" strokeWidth="1.6" strokeDasharray="5 2 1 2" />
        </svg>
      );
    case 'town':
      return (
        <svg {...common}>
          <path d="M1 6H21" stroke="#b8aa98" strokeWidth="1" strokeDasharray="3 2" />
        </svg>
      );
    case 'road':
      return (
        <svg {...common}>
          <path d="M1 6H21" stroke="#b9b2a6" strokeWidth="5" />
          <path d="M1 6H21" stroke="#ffffff" strokeWidth="3" />
        </svg>
      );
  }
}

export function Legend({ layers, symbols }: { layers: Layer[]; symbols: LegendSymbol[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const own: Record<LegendSymbol, string> = {
    place: t('legendPlace'),
    route: t('legendRoute'),
    segment: t('legendSegment'),
    highlight: t('legendHighlight'),
  };
  return (
    <ul className="sheet-legend">
      {symbols.map((s) => (
        <li key={s} data-symbol={s}>
          <Symbol kind={s} />
          {own[s]}
        </li>
      ))}
      {layers.map((layer) => (
        <li key={layer.key} data-layer={layer.key}>
          <span className="sheet-legend-swatch">
            <Swatch layer={layer} />
          </span>
          {i18n.layerName(layer)}
        </li>
      ))}
      <li>
        <Symbol kind="road" />
        {t('legendRoad')}
      </li>
      <li>
        <Symbol kind="town" />
        {t('legendTownLine')}
      </li>
      <li>
        <Symbol kind="boundary" />
        {t('legendCityBoundary')}
      </li>
    </ul>
  );
}
