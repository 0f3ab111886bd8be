// The floors of the viewport rows: the server's page query for the web client's `Features` document
// (featurePageSql plus the totalCount the document asks for) and the same JSON text our server answers,
// built by string concatenation. Used by the HTTP floor (floor.ts, a bare node:http server) and by the
// in-process floor (bench.ts: SQL through pg and this JSON, no HTTP).
import pg from 'pg';
import { Cursor, decodeCursor, encodeCursor } from '../../server/src/domain/cursor';
import { BBox } from '../../server/src/domain/geometry';
import { FeatureColumns, FeatureQuery, FeatureRow, featureCountSql, featurePageSql } from '../../server/src/modules/features/feature.sql';

/** The variables the web client sends for a viewport (fetchAllFeatures: layer, bbox, first, after). */
export interface ViewportVariables {
  layer: string;
  bbox?: number[] | null;
  first?: number | null;
  after?: string | null;
}

/**
 * The columns our server selects for the client's FeatureFields (graphql-info.ts columnsFor: updatedAt and
 * deletedAt → times, lengthM and areaM2 → measures, updatedBy → users), geometry and attributes as JSON text.
 */
const CLIENT_COLUMNS: FeatureColumns = { raw: true, times: true, measures: true, users: true };

/** One page's rows and count, as the server reads them (FeatureService.list: page and count in parallel). */
export async function floorPageRows(pool: pg.Pool, layerId: number, v: ViewportVariables) {
  const first = v.first ?? 100;
  const query: FeatureQuery = { layerId, bbox: (v.bbox ?? undefined) as BBox | undefined, conditions: [], searchFields: [] };
  let afterId: string | undefined;
  if (v.after) {
    const cursor = decodeCursor(v.after);
    if (!cursor || !('id' in cursor)) throw new Error(`bad cursor ${v.after}`);
    afterId = cursor.id;
  }
  const page = featurePageSql(query, { limit: first, afterId }, CLIENT_COLUMNS);
  const count = featureCountSql(query);
  const [rows, totalCount] = await Promise.all([
    pool.query<FeatureRow>(page.sql, page.values).then((r) => r.rows),
    pool.query<{ count: number }>(count.sql, count.values).then((r) => r.rows[0].count),
  ]);
  return { rows, totalCount, first };
}

const str = (v: string | null | undefined) => (v == null ? 'null' : JSON.stringify(v));
const num = (v: number | null | undefined) => (v == null ? 'null' : JSON.stringify(v));
const date = (v: Date | null | undefined) => (v == null ? 'null' : `"${v.toISOString()}"`);

/**
 * The response body our server sends for the page, in pieces of about `chunkChars` characters (so that
 * the HTTP floor can stream it): `{"data":{"features":{totalCount, edges {cursor node {...FeatureFields}}, pageInfo}}}`.
 * The bench checks that the text equals our server's before it measures.
 */
export function* featurePageJson({ rows, totalCount, first }: Awaited<ReturnType<typeof floorPageRows>>, chunkChars = 64 * 1024): Generator<string> {
  const hasNextPage = rows.length > first;
  const pageRows = hasNextPage ? rows.slice(0, first) : rows;
  let endCursor: string | null = null;
  let out = `{"data":{"features":{"totalCount":${totalCount},"edges":[`;
  for (let i = 0; i < pageRows.length; i++) {
    const r = pageRows[i];
    endCursor = encodeCursor({ id: r.id } satisfies Cursor);
    out += `${i ? ',' : ''}{"cursor":"${endCursor}","node":{"id":${str(r.id)},"layerKey":${str(r.layer_key)},"geometry":${r.geometry as string},`
      + `"attributes":${r.attributes as string},"version":${r.version},"updatedAt":${date(r.updated_at)},"updatedBy":${str(r.updated_by)},`
      + `"lengthM":${num(r.length_m)},"areaM2":${num(r.area_m2)},"deletedAt":${date(r.deleted_at)}}}`;
    if (out.length >= chunkChars) {
      yield out;
      out = '';
    }
  }
  yield `${out}],"pageInfo":{"hasNextPage":${hasNextPage},"endCursor":${str(endCursor)}}}}}`;
}
