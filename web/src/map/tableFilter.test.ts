import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { boxOf, mapFilterOf } from './tableFilter';

// Evaluated by MapLibre's own filter code, as the map will.
function matches(where: Parameters<typeof mapFilterOf>[0], properties: Record<string, unknown>): boolean {
  const filter = mapFilterOf(where);
  if (!filter) return true;
  const compiled = featureFilter(filter);
  return compiled.filter({ zoom: 16 }, { type: 1, properties, geometry: [] } as never);
}

test('no condition is no map filter', () => {
  expect(mapFilterOf([])).toBeNull();
});

test('contains is case-insensitive and an empty value does not contain anything', () => {
  const where = [{ field: 'name', contains: 'led' }];
  expect(matches(where, { name: '防犯灯 LED-12' })).toBe(true);
  expect(matches(where, { name: '蛍光灯' })).toBe(false);
  expect(matches(where, {})).toBe(false);
});

test('number bounds are inclusive and every condition must hold', () => {
  const where = [{ field: 'watts', gte: 10, lte: 20 }, { field: 'lamp_type', eq: 'LED' }];
  expect(matches(where, { watts: 10, lamp_type: 'LED' })).toBe(true);
  expect(matches(where, { watts: 20, lamp_type: 'LED' })).toBe(true);
  expect(matches(where, { watts: 21, lamp_type: 'LED' })).toBe(false);
  expect(matches(where, { watts: 15, lamp_type: '水銀灯' })).toBe(false);
  expect(matches(where, { lamp_type: 'LED' })).toBe(false);
});

test('dates compare as ISO text, as the table sends them after reading 和暦', () => {
  const where = [{ field: 'occurred_on', gte: '2019-05-01', lte: '2019-12-31' }];
  expect(matches(where, { occurred_on: '2019-05-01' })).toBe(true);
  expect(matches(where, { occurred_on: '2019-04-30' })).toBe(false);
  expect(matches(where, { occurred_on: '2020-01-01' })).toBe(false);
});

test('booleans and value sets', () => {
  expect(matches([{ field: 'working', eq: false }], { working: false })).toBe(true);
  expect(matches([{ field: 'working', eq: false }], { working: true })).toBe(false);
  expect(matches([{ field: 'kind', in: ['A', 'B'] }], { kind: 'B' })).toBe(true);
  expect(matches([{ field: 'kind', in: ['A', 'B'] }], { kind: 'C' })).toBe(false);
});

test('a box dragged in any direction', () => {
  expect(boxOf([140.2, 35.6], [140.1, 35.7])).toEqual([140.1, 35.6, 140.2, 35.7]);
});
