// Point clusters in vector tiles: below a layer's full-detail zoom the server groups nearby points into
// one point without id whose only property is `point_count` (server/src/modules/tiles/tile.sql.ts).
// Shared by the staff map (featureLayers.ts) and the public map.
import type { ExpressionSpecification } from 'maplibre-gl';

export const CLUSTER_COUNT = 'point_count';
export const IS_CLUSTER: ExpressionSpecification = ['has', CLUSTER_COUNT];

/** A cluster's count as drawn: 1,234 or, from ten thousand, 1.2万 (Japanese counts in 万). */
export const CLUSTER_COUNT_TEXT: ExpressionSpecification = [
  'step', ['get', CLUSTER_COUNT],
  ['number-format', ['get', CLUSTER_COUNT], { locale: 'ja-JP' }],
  10000, ['concat', ['number-format', ['/', ['get', CLUSTER_COUNT], 10000], { locale: 'ja-JP', 'max-fraction-digits': 1 }], '万'],
];

/** Circle radius in pixels, growing with the count. */
export const CLUSTER_RADIUS: ExpressionSpecification = ['step', ['get', CLUSTER_COUNT], 10, 10, 13, 100, 16, 1000, 20];
