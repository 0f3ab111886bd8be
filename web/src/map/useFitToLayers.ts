// Start at the city (the layers' extents) unless the URL already says where to look.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Layer } from '../api/model';

export function useFitToLayers(map: MapLibreMap | null, layers: Layer[] | null): void {
  // Read before the map exists: MapLibre writes the hash itself once it has moved.
  const [urlHadView] = useState(() => window.location.hash.length > 1);
  const fittedRef = useRef(false);
  useEffect(() => {
    if (!map || !layers || fittedRef.current) return;
    fittedRef.current = true;
    if (urlHadView) return;
    const extents = layers.map((l) => l.extent).filter((e): e is number[] => !!e && e.length === 4);
    if (!extents.length) return;
    const bounds = [
      Math.min(...extents.map((e) => e[0])),
      Math.min(...extents.map((e) => e[1])),
      Math.max(...extents.map((e) => e[2])),
      Math.max(...extents.map((e) => e[3])),
    ];
    map.fitBounds([bounds[0], bounds[1], bounds[2], bounds[3]], { padding: 20, animate: false });
  }, [map, layers, urlHadView]);
}
