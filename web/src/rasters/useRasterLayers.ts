// Raster layers in the viewer: one RasterLayerView per raster layer on the map (with its sheet index
// as vector tiles), their sheets (for the sheet list and what a click on an outline shows), visibility,
// opacity and order from the layer prefs.
import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchRasterSheets, isRasterLayer, type RasterSheet } from '../api/rasters';
import type { Layer } from '../api/model';
import { RASTER_TILE_SIZE, RasterLayerView, stackRasterLayers } from '../map/rasterLayers';
import { isVisible, moveKey, opacityOf, orderedKeys, type LayerPrefs } from '../panels/layerPrefs';
import type { PrintRaster } from '../print/sheetParams';

interface Options {
  map: MapLibreMap | null;
  layers: Layer[] | null;
  prefs: LayerPrefs;
  setRasterOrder: (order: string[]) => void;
}

export function useRasterLayers({ map, layers, prefs, setRasterOrder }: Options) {
  // Orthophotos marked as basemaps live in the base map switcher, not in the panel.
  const rasterLayers = useMemo(() => (layers ?? []).filter((l) => isRasterLayer(l) && !l.basemap), [layers]);
  const order = orderedKeys(
    prefs,
    rasterLayers.map((l) => l.key),
  );
  const orderKey = order.join(',');
  const [views, setViews] = useState<Map<string, RasterLayerView>>(new Map());
  const [sheets, setSheets] = useState<Record<string, RasterSheet[] | { error: string }>>({});

  useEffect(() => {
    if (!map || !rasterLayers.length) return;
    const created = new Map(rasterLayers.map((l) => [l.key, new RasterLayerView(l.key, RASTER_TILE_SIZE, true)]));
    for (const view of created.values()) view.addTo(map);
    setViews(created);
    return () => {
      for (const view of created.values()) view.removeFrom(map);
      setViews(new Map());
    };
  }, [map, rasterLayers]);

  useEffect(() => {
    if (!map) return;
    for (const [key, view] of views) {
      view.setVisible(map, isVisible(prefs, key));
      view.setOpacity(map, opacityOf(prefs, key));
    }
    stackRasterLayers(map, orderKey.split(',').flatMap((k) => views.get(k) ?? []));
  }, [map, views, prefs, orderKey]);

  const loadSheets = useCallback(async (key: string) => {
    try {
      const list = await fetchRasterSheets(key);
      setSheets((s) => ({ ...s, [key]: list }));
      return list;
    } catch (e) {
      setSheets((s) => ({ ...s, [key]: { error: (e as Error).message } }));
      return [];
    }
  }, []);

  useEffect(() => {
    for (const layer of rasterLayers) void loadSheets(layer.key);
  }, [rasterLayers, loadSheets]);

  /** After an upload, a placement or a deletion: the sheet list and the tiles are read again. */
  const refresh = useCallback(
    async (key: string) => {
      const list = await loadSheets(key);
      if (map) views.get(key)?.refresh(map);
      return list;
    },
    [map, views, loadSheets],
  );

  /** The placed sheets of visible raster layers under a point of the map (from the sheet index tiles), top layer first. */
  const sheetsAt = useCallback(
    (point: PointLike): RasterSheet[] =>
      !map
        ? []
        : order.flatMap((key) => {
            const list = sheets[key];
            const ids = views.get(key)?.sheetIdsAt(map, point) ?? [];
            return Array.isArray(list) ? list.filter((s) => ids.includes(s.id)) : [];
          }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [map, views, orderKey, sheets],
  );

  const move = useCallback((key: string, delta: -1 | 1) => setRasterOrder(moveKey(orderKey.split(','), key, delta)), [orderKey, setRasterOrder]);

  /** What a printed sheet draws: the visible raster layers, bottom first, with their opacity. */
  const printRasters: PrintRaster[] = useMemo(
    () =>
      orderKey
        .split(',')
        .filter((key) => key && isVisible(prefs, key))
        .reverse()
        .map((key) => ({ key, opacity: opacityOf(prefs, key) })),
    [orderKey, prefs],
  );

  return { rasterLayers, order, sheets, refresh, sheetsAt, move, printRasters };
}
