import { renderToStaticMarkup } from 'react-dom/server';
import type { Route } from '../api/ledger';
import { RouteFacts, SegmentTable } from './RouteFacts';

const segment = (no: number) => ({
  id: String(100 + no),
  layerKey: 'road_ledger',
  geometry: { type: 'LineString' as const, coordinates: [[140, 35], [140.001, 35]] },
  attributes: { segment_no: no, width_min_m: 4, width_max_m: 5.5, pavement: 'アスファルト' },
  lengthM: 100 + no / 10,
  version: 1, updatedAt: '2024-04-01T00:00:00.000Z', updatedBy: null, areaM2: null, deletedAt: null,
});

const route: Route = {
  routeNo: '2-15',
  routeName: '大日線',
  roadClass: '2級',
  certifiedOn: '1985-04-01',
  startPoint: '大日',
  endPoint: '四街道',
  lengthM: 1234.5,
  widthMinM: 4,
  widthMaxM: 5.5,
  segmentCount: 12,
  bbox: [140, 35, 140.01, 35.01],
  geometry: { type: 'MultiLineString', coordinates: [] },
  segments: Array.from({ length: 12 }, (_, i) => segment(i + 1)),
};

test('the particulars state length to the centimetre and the width range', () => {
  const html = renderToStaticMarkup(<RouteFacts route={route} />);
  expect(html).toContain('<th scope="row">延長</th><td>1,234.50 m</td>');
  expect(html).toContain('<th scope="row">幅員</th><td>4–5.5 m</td>');
  expect(html).toContain('<th scope="row">区間数</th><td>12</td>');
});

test('a printed segment table stops at its limit and counts the rest', () => {
  const html = renderToStaticMarkup(<SegmentTable route={route} limit={10} />);
  expect(html.match(/data-feature-id=/g)).toHaveLength(10);
  expect(html).toContain('ほか2区間');
  const all = renderToStaticMarkup(<SegmentTable route={route} />);
  expect(all.match(/data-feature-id=/g)).toHaveLength(12);
  expect(all).not.toContain('ほか');
});
