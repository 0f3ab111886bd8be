import type { StyleSpecification } from 'maplibre-gl';
import { buildStyle } from './basemap';
import { isReferenceLayer, referenceLayersOf, usesTiles } from './tileLayers';

// The built-in basemap finds its reference layers by role (layer.roles.ts), so a city may rename them.
beforeAll(() => {
  (globalThis as { window?: unknown }).window = { location: new URL('http://localhost:4000/') };
});
afterAll(() => {
  delete (globalThis as { window?: unknown }).window;
});

const layers = [
  { key: 'chiban_2026', role: 'PARCELS' as const },
  { key: 'kaoku', role: 'BUILDINGS' as const },
  { key: 'street_lights', role: 'STREET_LIGHTS' as const },
  { key: 'parcels', role: null },
];

test('the reference layers are the readable layers playing a reference role, whatever their keys', () => {
  expect(referenceLayersOf(layers)).toEqual({ PARCELS: 'chiban_2026', BUILDINGS: 'kaoku' });
  expect(isReferenceLayer({ role: 'PARCELS' })).toBe(true);
  expect(isReferenceLayer({ role: null })).toBe(false);
  // A small layer keyed "parcels" without the role is drawn like any other layer; the renamed parcels come from tiles.
  expect(usesTiles({ featureCount: 10, role: null })).toBe(false);
  expect(usesTiles({ featureCount: 10, role: 'PARCELS' })).toBe(true);
});

test('the basemap draws a renamed parcels layer from its own tiles, and leaves out roles no readable layer plays', () => {
  const style = buildStyle({ basemap: {}, initialCenter: [140, 35], initialZoom: 12, referenceLayers: referenceLayersOf(layers) }) as StyleSpecification;
  expect(Object.keys(style.sources).filter((s) => s.startsWith('layer-')).sort()).toEqual(['layer-chiban_2026', 'layer-kaoku']);
  expect(style.sources['layer-chiban_2026']).toMatchObject({ type: 'vector', url: 'http://localhost:4000/tiles/chiban_2026.json' });
  const ids = style.layers.map((l) => l.id);
  expect(ids).toEqual(expect.arrayContaining(['layer-chiban_2026-fill', 'layer-chiban_2026-line', 'layer-chiban_2026-label', 'layer-kaoku-fill']));
  expect(ids.filter((id) => /parcels|rivers|railways|facilities|buildings/.test(id))).toEqual([]);
  const fill = style.layers.find((l) => l.id === 'layer-chiban_2026-fill') as { source: string; 'source-layer': string };
  expect(fill).toMatchObject({ source: 'layer-chiban_2026', 'source-layer': 'chiban_2026' });
});

test('facility symbols of the layer playing the facilities role stay above the operational layers', () => {
  const style = buildStyle({ basemap: {}, initialCenter: [140, 35], initialZoom: 12, referenceLayers: { FACILITIES: 'shisetsu' } }) as StyleSpecification;
  const ids = style.layers.map((l) => l.id);
  expect(ids.indexOf('layer-shisetsu-label')).toBeGreaterThan(ids.indexOf('slot-top'));
  expect(ids.indexOf('layer-shisetsu-circle')).toBeGreaterThan(ids.indexOf('slot-top'));
});
