// The public map (公開型GIS) at /public: no login, read-only, only what an administrator published.
// It talks only to the server's public read path (/public/api, /public/tiles), never to GraphQL.
import maplibregl, { type LayerSpecification, type Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { FieldDefinition } from '../api/model';
import { useI18n } from '../i18n';
import { absoluteUrl, LABEL_FONT, LOCAL_IDEOGRAPH_FONTS } from '../map/basemap';
import { CLUSTER_COUNT, CLUSTER_COUNT_TEXT, CLUSTER_RADIUS, IS_CLUSTER } from '../map/clusters';
import { defaultConfig } from '../map/config';
import { formatValue } from '../panels/format';
import { LanguageToggle } from '../panels/LanguageToggle';
import './public.css';

interface PublicField { key: string; label: string; labelEn: string; type: string; unit?: string }
interface PublicLayer {
  key: string; nameJa: string; nameEn: string; departmentJa: string; departmentEn: string; geometryTypes: string[];
  style: { color?: string; circle?: Record<string, unknown>; line?: Record<string, unknown>; fill?: Record<string, unknown> };
  labelField: string | null; dataVersion: number; fields: PublicField[];
}
interface PublicFeature { id: string; layerKey: string; attributes: Record<string, unknown> }
interface SearchHit { kind: string; label: string; sublabel: string | null; layerKey: string | null; featureId: string | null; bbox: number[] | null; geometry: GeoJSON.Geometry }

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

function baseStyle(): StyleSpecification {
  return {
    version: 8,
    glyphs: `${window.location.origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      boundary: { type: 'geojson', data: absoluteUrl('/public/api/basemap/boundary.geojson') },
      towns: { type: 'geojson', data: absoluteUrl('/public/api/basemap/towns.geojson') },
      'town-points': { type: 'geojson', data: absoluteUrl('/public/api/basemap/town-points.geojson') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      { id: 'towns-line', type: 'line', source: 'towns', paint: { 'line-color': '#b9b2a6', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
      { id: 'boundary-line', type: 'line', source: 'boundary', paint: { 'line-color': '#5c564c', 'line-width': 2 } },
      {
        id: 'town-labels', type: 'symbol', source: 'town-points', minzoom: 12,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 13 },
        paint: { 'text-color': '#3d3931', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  };
}

/** The style layers of one published layer, drawn from its vector tiles with its own colours. */
function publicLayers(layer: PublicLayer): LayerSpecification[] {
  const color = layer.style.color ?? '#0b7285';
  const source = `public-${layer.key}`;
  const common = { source, 'source-layer': layer.key };
  const types = layer.geometryTypes;
  const out: LayerSpecification[] = [];
  if (types.some((t) => t.endsWith('Polygon'))) {
    out.push({ id: `${source}-fill`, type: 'fill', ...common, filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
      paint: { 'fill-color': color, 'fill-opacity': 0.3, ...(layer.style.fill ?? {}) } } as LayerSpecification);
  }
  if (types.some((t) => t.endsWith('LineString') || t.endsWith('Polygon'))) {
    out.push({ id: `${source}-line`, type: 'line', ...common, filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': color, 'line-width': 2, ...(layer.style.line ?? {}) } } as LayerSpecification);
  }
  if (types.some((t) => t.endsWith('Point'))) {
    out.push({ id: `${source}-circle`, type: 'circle', ...common, filter: ['all', ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]], ['!', IS_CLUSTER]],
      paint: { 'circle-color': color, 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, ...(layer.style.circle ?? {}) } } as LayerSpecification);
    // Clusters below the full-detail zoom: a circle with the count; a click zooms in.
    out.push({ id: `${source}-cluster-circle`, type: 'circle', ...common, filter: IS_CLUSTER,
      paint: { 'circle-color': color, 'circle-opacity': 0.85, 'circle-radius': CLUSTER_RADIUS, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } });
    out.push({ id: `${source}-cluster-count`, type: 'symbol', ...common, filter: IS_CLUSTER,
      layout: { 'text-field': CLUSTER_COUNT_TEXT, 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0, 0, 0, 0.35)', 'text-halo-width': 1 } });
  }
  return out;
}

const asField = (f: PublicField) => ({ ...f, type: f.type.toUpperCase(), required: false, unique: false }) as unknown as FieldDefinition;

export default function PublicMap() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [layers, setLayers] = useState<PublicLayer[] | null>(null);
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const [selected, setSelected] = useState<PublicFeature | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [large, setLarge] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const layerName = (l: PublicLayer) => (lang === 'en' ? l.nameEn : l.nameJa);

  useEffect(() => { document.title = t('publicTitle'); }, [t]);

  useEffect(() => {
    getJson<{ layers: PublicLayer[] }>('/public/api/layers').then(
      (r) => { setLayers(r.layers); setVisible(Object.fromEntries(r.layers.map((l) => [l.key, true]))); },
      (e: Error) => setError(e.message),
    );
  }, []);

  useEffect(() => {
    const m = new maplibregl.Map({
      container: container.current!, style: baseStyle(), center: defaultConfig.initialCenter, zoom: 13, maxZoom: 19,
      dragRotate: false, pitchWithRotate: false, touchPitch: false, localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
      attributionControl: { compact: true },
    });
    m.touchZoomRotate.disableRotation();
    m.keyboard.disableRotation();
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    const element = container.current!;
    m.on('dataloading', () => (element.dataset.idle = 'false'));
    m.on('idle', () => (element.dataset.idle = 'true'));
    void m.once('load', () => setMap(m));
    return () => { setMap(null); m.remove(); };
  }, []);

  // Published layers onto the map once both are there.
  useEffect(() => {
    if (!map || !layers) return;
    for (const l of layers) {
      const source = `public-${l.key}`;
      if (!map.getSource(source)) {
        // Not through URL(): it would percent-encode the {z}/{x}/{y} placeholders.
        const tiles = `${window.location.origin}/public/tiles/${encodeURIComponent(l.key)}/{z}/{x}/{y}.mvt?v=${l.dataVersion}`;
        map.addSource(source, { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom: 16 });
        for (const spec of publicLayers(l)) map.addLayer(spec, 'town-labels');
      }
    }
  }, [map, layers]);

  useEffect(() => {
    if (!map || !layers) return;
    for (const l of layers) {
      for (const spec of publicLayers(l)) if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'visibility', visible[l.key] ? 'visible' : 'none');
    }
  }, [map, layers, visible]);

  const show = async (layerKey: string, id: string) => {
    try {
      setSelected(await getJson<PublicFeature>(`/public/api/layers/${encodeURIComponent(layerKey)}/features/${encodeURIComponent(id)}`));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    if (!map || !layers) return;
    const ids = layers.flatMap((l) => publicLayers(l).map((s) => s.id));
    const onClick = (e: maplibregl.MapMouseEvent) => {
      const box: [maplibregl.PointLike, maplibregl.PointLike] = [[e.point.x - 6, e.point.y - 6], [e.point.x + 6, e.point.y + 6]];
      const hit = map.queryRenderedFeatures(box, { layers: ids.filter((id) => map.getLayer(id)) })[0];
      if (hit && hit.properties[CLUSTER_COUNT] !== undefined && hit.geometry.type === 'Point') {
        map.easeTo({ center: hit.geometry.coordinates as [number, number], zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()) });
        return;
      }
      if (hit && hit.id !== undefined) void show(hit.sourceLayer ?? '', String(hit.id));
      else setSelected(null);
    };
    map.on('click', onClick);
    return () => { map.off('click', onClick); };
  }, [map, layers]);

  const search = async () => {
    if (!query.trim()) return;
    try {
      setHits((await getJson<{ results: SearchHit[] }>(`/public/api/search?q=${encodeURIComponent(query.trim())}`)).results);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const goTo = (hit: SearchHit) => {
    if (map && hit.bbox) map.fitBounds([[hit.bbox[0], hit.bbox[1]], [hit.bbox[2], hit.bbox[3]]], { maxZoom: 17, padding: 40, duration: 0 });
    if (hit.layerKey && hit.featureId) void show(hit.layerKey, hit.featureId);
  };

  const selectedLayer = selected && layers?.find((l) => l.key === selected.layerKey);
  return (
    <div className={`public-page${large ? ' public-large' : ''}`} lang={lang}>
      <header className="public-header">
        <h1>{t('publicTitle')} <span className="public-subtitle">{t('publicSubtitle')}</span></h1>
        <div className="public-header-tools">
          <fieldset className="public-text-size">
            <legend>{t('publicTextSize')}</legend>
            <button type="button" aria-pressed={!large} onClick={() => setLarge(false)}>{t('publicTextNormal')}</button>
            <button type="button" aria-pressed={large} onClick={() => setLarge(true)}>{t('publicTextLarge')}</button>
          </fieldset>
          <LanguageToggle />
          <a href="/">{t('publicStaffLogin')}</a>
        </div>
      </header>
      <main className="public-main">
        <aside className="public-side">
          <form role="search" onSubmit={(e) => { e.preventDefault(); void search(); }}>
            <label htmlFor="public-search">{t('publicSearch')}</label>
            <div className="public-search-row">
              <input id="public-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
              <button type="submit">{t('publicSearchButton')}</button>
            </div>
          </form>
          {hits && (
            <ul className="public-hits" aria-live="polite">
              {hits.length === 0 && <li>{t('publicNoHits')}</li>}
              {hits.map((h, i) => (
                <li key={`${h.kind}-${h.featureId ?? h.label}-${i}`}>
                  <button type="button" onClick={() => goTo(h)}>{h.label}{h.sublabel ? ` (${h.sublabel})` : ''}</button>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="public-layers-title">
            <h2 id="public-layers-title">{t('publicLayers')}</h2>
            {layers && layers.length === 0 && <p>{t('publicNoLayers')}</p>}
            <ul className="public-layers">
              {layers?.map((l) => (
                <li key={l.key}>
                  <label>
                    <input type="checkbox" checked={!!visible[l.key]} onChange={(e) => setVisible({ ...visible, [l.key]: e.target.checked })} />
                    <span className="public-swatch" style={{ background: l.style.color ?? '#0b7285' }} aria-hidden="true" />
                    {layerName(l)}
                  </label>
                </li>
              ))}
            </ul>
          </section>
          <section className="public-info" aria-labelledby="public-info-title" aria-live="polite">
            <h2 id="public-info-title">{t('publicInfo')}</h2>
            {!selected && <p className="public-hint">{t('publicHint')}</p>}
            {selected && selectedLayer && (
              <>
                <h3>{layerName(selectedLayer)}</h3>
                <dl>
                  {selectedLayer.fields.map((f) => (
                    <div key={f.key} className="public-attribute">
                      <dt>{lang === 'en' ? f.labelEn : f.label}</dt>
                      <dd>{formatValue(asField(f), selected.attributes[f.key], i18n)}</dd>
                    </div>
                  ))}
                  <div className="public-attribute">
                    <dt>{t('publicDepartment')}</dt>
                    <dd>{lang === 'en' ? selectedLayer.departmentEn : selectedLayer.departmentJa}</dd>
                  </div>
                </dl>
                <button type="button" onClick={() => setSelected(null)}>{t('publicClose')}</button>
              </>
            )}
          </section>
          {error && <p className="error" role="alert">{error}</p>}
          <p className="public-note">{t('publicNote')}</p>
        </aside>
        <div ref={container} className="public-map" role="region" aria-label={t('publicTitle')} />
      </main>
    </div>
  );
}
