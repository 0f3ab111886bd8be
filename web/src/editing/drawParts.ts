// Mapping between session features and the drawing library's features. Terra Draw edits
// Points, LineStrings and hole-free Polygons; a Multi* geometry is drawn as one feature per part
// (id "key~part") and put back together after an edit.
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { DraftFeature, FeatureKey } from './graph';

export type DrawMode = 'point' | 'linestring' | 'polygon';

export interface DrawFeature {
  id: string;
  type: 'Feature';
  geometry: Point | LineString | Polygon;
  properties: { mode: DrawMode; dirty: boolean };
}

const PART_SEPARATOR = '~';

/** Terra Draw refuses coordinates with more decimals than its precision (9 by default). */
function round(p: Position, precision: number): Position {
  const f = 10 ** precision;
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

function part(geometry: Point | LineString | Polygon, precision: number): Point | LineString | Polygon | null {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(geometry.coordinates, precision) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map((p) => round(p, precision)) };
    case 'Polygon':
      // Holes cannot be drawn; such an area is edited by its attributes only.
      return geometry.coordinates.length === 1 ? { type: 'Polygon', coordinates: [geometry.coordinates[0].map((p) => round(p, precision))] } : null;
  }
}

const modeOf = (g: Point | LineString | Polygon): DrawMode => (g.type === 'Point' ? 'point' : g.type === 'LineString' ? 'linestring' : 'polygon');

/** The parts of a geometry Terra Draw can hold, each with its draw id. */
export function toDrawFeatures(feature: DraftFeature, dirty: boolean, precision = 9): DrawFeature[] {
  const g = feature.geometry;
  const parts: (Point | LineString | Polygon)[] =
    g.type === 'MultiPoint'
      ? g.coordinates.map((coordinates) => ({ type: 'Point', coordinates }))
      : g.type === 'MultiLineString'
        ? g.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }))
        : g.type === 'MultiPolygon'
          ? g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
          : g.type === 'GeometryCollection'
            ? []
            : [g];
  const multi = g.type.startsWith('Multi');
  return parts.flatMap((p, i) => {
    const geometry = part(p, precision);
    if (!geometry) return [];
    return [{ id: multi ? `${feature.key}${PART_SEPARATOR}${i}` : feature.key, type: 'Feature' as const, geometry, properties: { mode: modeOf(geometry), dirty } }];
  });
}

/** The session feature key and part index of a draw id. */
export function parseDrawId(id: string): { key: FeatureKey; part: number | null } {
  const at = id.lastIndexOf(PART_SEPARATOR);
  return at < 0 ? { key: id, part: null } : { key: id.slice(0, at), part: Number(id.slice(at + 1)) };
}

/** The feature's geometry with one part replaced by its edited version. */
export function withPart(geometry: Geometry, partIndex: number | null, edited: Point | LineString | Polygon): Geometry {
  if (partIndex === null) return edited;
  const replaceAt = <T>(list: T[], value: T) => list.map((v, i) => (i === partIndex ? value : v));
  switch (geometry.type) {
    case 'MultiPoint':
      return edited.type === 'Point' ? { type: 'MultiPoint', coordinates: replaceAt(geometry.coordinates, edited.coordinates) } : geometry;
    case 'MultiLineString':
      return edited.type === 'LineString' ? { type: 'MultiLineString', coordinates: replaceAt(geometry.coordinates, edited.coordinates) } : geometry;
    case 'MultiPolygon':
      return edited.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: replaceAt(geometry.coordinates, edited.coordinates) } : geometry;
    default:
      return edited;
  }
}

/** A freshly drawn geometry as the layer stores it: Multi* layers get a one-part Multi*. */
export function asLayerGeometry(drawn: Point | LineString | Polygon, geometryTypes: string[]): Geometry {
  if (geometryTypes.includes(drawn.type)) return drawn;
  const multi = `Multi${drawn.type}`;
  if (geometryTypes.includes(multi)) return { type: multi, coordinates: [drawn.coordinates] } as Geometry;
  return drawn;
}

/** Which draw tools a layer offers, from its geometry types. */
export function toolsFor(geometryTypes: string[]): DrawMode[] {
  const tools: DrawMode[] = [];
  if (geometryTypes.some((t) => t.endsWith('Point'))) tools.push('point');
  if (geometryTypes.some((t) => t.endsWith('LineString'))) tools.push('linestring');
  if (geometryTypes.some((t) => t.endsWith('Polygon'))) tools.push('polygon');
  return tools;
}
