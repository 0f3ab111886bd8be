// Layer exports: the server writes every file (one CSV writer, Excel-safe); the browser only downloads it.
import { ApiError } from './client';
import type { AreaSelectionInput, AttributeFilter, FeatureOrder } from './model';

export type ExportFormat = 'gpkg' | 'shp' | 'geojson' | 'csv' | 'kml' | 'sima';

export interface ExportRequest {
  format: ExportFormat;
  srid?: number;
  encoding?: 'utf8' | 'cp932';
  columns?: 'labels' | 'keys';
  dates?: 'iso' | 'wareki';
  where?: AttributeFilter[];
  /** The table's sort (id order when absent). */
  orderBy?: FeatureOrder;
  bbox?: number[];
  /** The table's polygon or buffer selection. */
  area?: AreaSelectionInput;
}

export function exportUrl(layerKey: string, r: ExportRequest): string {
  const q = new URLSearchParams({ format: r.format });
  if (r.srid) q.set('srid', String(r.srid));
  if (r.encoding) q.set('encoding', r.encoding);
  if (r.columns) q.set('columns', r.columns);
  if (r.dates) q.set('dates', r.dates);
  if (r.where?.length) q.set('filter', JSON.stringify(r.where));
  if (r.orderBy) q.set('order', JSON.stringify(r.orderBy));
  if (r.bbox) q.set('bbox', r.bbox.map((v) => v.toFixed(7)).join(','));
  if (r.area) q.set('area', JSON.stringify(r.area));
  return `/api/layers/${encodeURIComponent(layerKey)}/export?${q}`;
}

/** The file name from Content-Disposition (RFC 5987 filename* first). */
function filenameOf(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  return header?.match(/filename="([^"]+)"/)?.[1] ?? fallback;
}

/** Fetches the export and saves it; a refused request becomes an ApiError with the server's message. */
export async function downloadExport(layerKey: string, r: ExportRequest): Promise<string> {
  const response = await fetch(exportUrl(layerKey, r), { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(body?.error?.message ?? `HTTP ${response.status}`, body?.error?.code ?? 'HTTP_ERROR');
  }
  const filename = filenameOf(response.headers.get('content-disposition'), `${layerKey}.${r.format}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is revoked.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
