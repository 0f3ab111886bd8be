// The cursor position (or the map centre when the cursor is off the map) in latitude/longitude
// and in the city's JGD2011 plane rectangular zone (PLANE_SRID from clientSettings).
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { planeZoneName } from '#domain/planeZones';
import { useClientSettings } from '../api/useClientSettings';
import { toPlaneRectangular, type LonLat } from '../map/geodesy';

export function CoordinateReadout({ map }: { map: MapLibreMap | null }) {
  const { t, formatNumber } = useI18n();
  const [position, setPosition] = useState<LonLat | null>(null);
  const planeSrid = useClientSettings()?.planeSrid;

  useEffect(() => {
    if (!map) return;
    let frame = 0;
    let latest: LonLat | null = null;
    const show = (p: LonLat) => {
      latest = p;
      // At most one update per frame while the mouse moves.
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setPosition(latest)));
    };
    const onMove = (e: MapMouseEvent) => show([e.lngLat.lng, e.lngLat.lat]);
    const onCentre = () => show(map.getCenter().toArray() as LonLat);
    const canvas = map.getCanvasContainer();
    map.on('mousemove', onMove);
    map.on('moveend', onCentre);
    canvas.addEventListener('mouseleave', onCentre);
    onCentre();
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
      map.off('moveend', onCentre);
      canvas.removeEventListener('mouseleave', onCentre);
    };
  }, [map]);

  if (!position) return null;
  const plane = planeSrid ? toPlaneRectangular(position, planeSrid) : null;
  const fixed = (n: number, digits: number) => formatNumber(Number(n.toFixed(digits)), digits);
  return (
    <div className="coordinates" aria-label={t('coordinates')} role="group" data-testid="coordinates">
      <span>
        {t('latLon')}: <span data-lat={position[1]}>{position[1].toFixed(6)}</span>, <span data-lon={position[0]}>{position[0].toFixed(6)}</span>
      </span>
      {planeSrid && plane && (
        <span>
          {t('planeRect', { zone: planeZoneName(planeSrid) })}: {t('planeX')} <span data-x={plane.x}>{fixed(plane.x, 2)}</span> m, {t('planeY')}{' '}
          <span data-y={plane.y}>{fixed(plane.y, 2)}</span> m
        </span>
      )}
    </div>
  );
}
