import { LayerRecord } from '../layers/layer.service';

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const json = (description: string, type = 'application/json') => ({ description, content: { [type]: { schema: { type: 'object' } } } });
const problem = { description: 'problem details (RFC 9457)', content: { 'application/problem+json': { schema: { type: 'object' } } } };

/** The OpenAPI 3.0 description of this service; collection ids are the current layer keys. */
export function openApiDocument(base: string, layers: LayerRecord[], limits: { default: number; max: number }, crs: string[]) {
  const get = (summary: string, parameters: unknown[], ok: unknown) => ({
    get: { summary, parameters: [...parameters, ref('f')], responses: { 200: ok, 400: problem, 401: problem, 404: problem } },
  });
  return {
    openapi: '3.0.3',
    info: { title: 'Chizu 地図 — OGC API Features', version: '1.0.0', description: '四街道市 統合型GIS の地物サービス' },
    servers: [{ url: base }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'chizu_session' } },
      parameters: {
        f: { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'html'] } },
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: layers.map((l) => l.key) } },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
        bbox: { name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
        limit: { name: 'limit', in: 'query', required: false, style: 'form', explode: false,
          schema: { type: 'integer', minimum: 1, maximum: limits.max, default: limits.default } },
        offset: { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        crs: { name: 'crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: crs } },
        'bbox-crs': { name: 'bbox-crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: crs } },
        filter: { name: 'filter', in: 'query', required: false, schema: { type: 'string' } },
        'filter-crs': { name: 'filter-crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: crs } },
        'filter-lang': { name: 'filter-lang', in: 'query', required: false, schema: { type: 'string', enum: ['cql2-text', 'cql2-json'], default: 'cql2-text' } },
        datetime: { name: 'datetime', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'string' } },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/': get('Landing page', [], json('links to the API')),
      '/conformance': get('Conformance classes', [], json('conformsTo')),
      '/api': { get: { summary: 'This document', responses: { 200: json('OpenAPI 3.0', 'application/vnd.oai.openapi+json;version=3.0') } } },
      '/collections': get('Layers', [], json('collections')),
      '/collections/{collectionId}': get('One layer', [ref('collectionId')], json('collection')),
      '/collections/{collectionId}/items': get('Features of a layer',
        [ref('collectionId'), ref('bbox'), ref('bbox-crs'), ref('crs'), ref('limit'), ref('offset'), ref('datetime'), ref('filter'), ref('filter-lang'), ref('filter-crs')], json('FeatureCollection', 'application/geo+json')),
      '/collections/{collectionId}/queryables': get('Queryable properties (JSON Schema)', [ref('collectionId')], json('JSON Schema', 'application/schema+json')),
      '/collections/{collectionId}/items/{featureId}': get('One feature', [ref('collectionId'), ref('featureId'), ref('crs')], json('Feature', 'application/geo+json')),
    },
  };
}
