import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { CLUSTER_COUNT, CLUSTER_COUNT_TEXT } from './clusters';

// Evaluated by MapLibre's own expression code, as the map will draw a cluster's count.
function countText(pointCount: number): string {
  const parsed = createExpression(CLUSTER_COUNT_TEXT, { type: 'string', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return String(parsed.value.evaluate({ zoom: 14 }, { type: 1, properties: { [CLUSTER_COUNT]: pointCount }, geometry: [] } as never));
}

test('a cluster shows its count with digit grouping, and from ten thousand in 万', () => {
  expect(countText(7)).toBe('7');
  expect(countText(1234)).toBe('1,234');
  expect(countText(12_345)).toBe('1.2万');
  expect(countText(120_000)).toBe('12万');
});
