// A route's particulars (路線の諸元) and its segments (区間), for the route panel and the ledger sheet.
import type { Route } from '../api/ledger';
import type { Feature } from '../api/model';
import { useI18n } from '../i18n';
import { centimetres, widthRange } from './ledgerFormat';

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function RouteFacts({ route }: { route: Route }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows: [string, string, string][] = [
    ['route-no', t('routeNo'), route.routeNo],
    ['route-name', t('routeName'), dash(route.routeName)],
    ['road-class', t('roadClass'), dash(route.roadClass)],
    ['certified-on', t('certifiedOn'), route.certifiedOn ? i18n.formatDate(route.certifiedOn) : '—'],
    ['start-point', t('startPoint'), dash(route.startPoint)],
    ['end-point', t('endPoint'), dash(route.endPoint)],
    ['length', t('routeLength'), `${centimetres(route.lengthM, i18n.lang)} m`],
    ['width', t('roadWidth'), widthRange(route.widthMinM, route.widthMaxM, i18n)],
    ['segment-count', t('segmentCount'), i18n.formatNumber(route.segmentCount, 0)],
  ];
  return (
    <table className="route-facts">
      <tbody>
        {rows.map(([key, label, value]) => (
          <tr key={key} data-row={key}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface SegmentTableProps {
  route: Route;
  /** A row's number becomes a button that shows the segment. */
  onSelect?: (segment: Feature) => void;
  selectedId?: string | null;
  /** At most this many rows (a printed sheet has room for so many); the rest are counted. */
  limit?: number;
}

export function SegmentTable({ route, onSelect, selectedId, limit }: SegmentTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <table className="segment-table">
      <thead>
        <tr>
          <th scope="col">{t('segmentNo')}</th>
          <th scope="col">{t('routeLength')} (m)</th>
          <th scope="col">{t('roadWidth')}</th>
          <th scope="col">{t('pavement')}</th>
        </tr>
      </thead>
      <tbody>
        {route.segments.slice(0, limit).map((s) => {
          const a = s.attributes;
          const no = dash(a.segment_no);
          return (
            <tr key={s.id} className={s.id === selectedId ? 'selected' : undefined} data-feature-id={s.id}>
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="link" onClick={() => onSelect(s)} aria-label={t('showSegment', { no })}>
                    {no}
                  </button>
                ) : (
                  no
                )}
              </th>
              <td className="num">{s.lengthM != null ? centimetres(s.lengthM, i18n.lang) : '—'}</td>
              <td className="num">{widthRange((a.width_min_m as number | null) ?? null, (a.width_max_m as number | null) ?? null, i18n)}</td>
              <td>{dash(a.pavement)}</td>
            </tr>
          );
        })}
        {limit !== undefined && route.segments.length > limit && (
          <tr>
            <td colSpan={4}>{t('moreSegments', { count: route.segments.length - limit })}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
