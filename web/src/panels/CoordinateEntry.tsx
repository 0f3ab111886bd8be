// Typing coordinates: latitude/longitude, or plane rectangular X/Y in the city's zone (PLANE_SRID) as
// road staff read them from survey documents. Adds a feature there, or moves the selected one there.
import type { Geometry } from 'geojson';
import { useState } from 'react';
import { planeZoneName } from '#domain/planeZones';
import type { Layer } from '../api/model';
import { useClientSettings } from '../api/useClientSettings';
import { parseCoordinateLines, type CoordinateSystem } from '../editing/coordinates';
import { asLayerGeometry, toolsFor, type DrawMode } from '../editing/drawParts';
import type { DraftFeature } from '../editing/graph';
import { useEditText } from '../editing/messages';
import { useI18n } from '../i18n';
import { toPlaneRectangular } from '../map/geodesy';

interface Props {
  layer: Layer;
  /** The preferred kind when the layer takes several (the current drawing tool). */
  preferred: DrawMode | null;
  selected: DraftFeature | undefined;
  onAdd(geometry: Geometry): void;
  onMove(key: string, geometry: Geometry): void;
}

const MIN_POINTS: Record<DrawMode, number> = { point: 1, linestring: 2, polygon: 3 };

export function geometryFromPositions(kind: DrawMode, positions: [number, number][]): Geometry {
  if (kind === 'point') return { type: 'Point', coordinates: positions[0] };
  if (kind === 'linestring') return { type: 'LineString', coordinates: positions };
  const ring = [...positions];
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  return { type: 'Polygon', coordinates: [ring] };
}

function kindOf(geometry: Geometry): DrawMode | null {
  if (geometry.type.endsWith('Point')) return 'point';
  if (geometry.type.endsWith('LineString')) return 'linestring';
  if (geometry.type.endsWith('Polygon')) return 'polygon';
  return null;
}

export function CoordinateEntry({ layer, preferred, selected, onAdd, onMove }: Props) {
  const te = useEditText();
  const { formatNumber } = useI18n();
  const planeSrid = useClientSettings()?.planeSrid ?? null;
  const [systemKind, setSystemKind] = useState<'plane' | 'latlon'>('plane');
  // Plane coordinates wait for the city's zone from the server (a moment after the panel opens).
  const system: CoordinateSystem | null = systemKind === 'latlon' ? 'latlon' : planeSrid ? { planeSrid } : null;
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const tools = toolsFor(layer.geometryTypes);
  const addKind: DrawMode = preferred && tools.includes(preferred) ? preferred : tools[0];

  const read = (kind: DrawMode): [number, number][] | null => {
    if (!system) return null;
    const parsed = parseCoordinateLines(text, system);
    const messages = parsed.problems.map((p) => te(p.message === 'format' ? 'coordinateFormat' : 'coordinateRange', { line: p.line }));
    if (!messages.length && parsed.positions.length < MIN_POINTS[kind]) {
      messages.push(te('coordinateTooFew', { kind: te(kind === 'point' ? 'toolPoint' : kind === 'linestring' ? 'toolLine' : 'toolPolygon'), count: MIN_POINTS[kind] }));
    }
    setProblems(messages);
    return messages.length ? null : (parsed.positions as [number, number][]);
  };

  const selectedKind = selected ? kindOf(selected.geometry) : null;
  const point = selected?.geometry.type === 'Point' ? (selected.geometry.coordinates as [number, number]) : null;
  const plane = point && planeSrid ? toPlaneRectangular(point, planeSrid) : null;

  return (
    <div className="coordinate-entry">
      {point && plane && (
        <p className="muted current-position" data-testid="current-position">
          {te('currentPosition')}: X {formatNumber(plane.x, 3)} / Y {formatNumber(plane.y, 3)}（{point[1].toFixed(7)}, {point[0].toFixed(7)}）
        </p>
      )}
      <label>
        {te('coordinateSystem')}{' '}
        <select value={systemKind} onChange={(e) => setSystemKind(e.target.value as 'plane' | 'latlon')}>
          <option value="plane">{te('planePosition', { zone: planeSrid ? planeZoneName(planeSrid) : '…' })}</option>
          <option value="latlon">{te('latLon')}</option>
        </select>
      </label>
      <label className="coordinate-lines">
        <span>{te('coordinateLines')}</span>
        <textarea
          rows={3}
          value={text}
          placeholder={systemKind === 'latlon' ? te('coordinatePlaceholderLatLon') : te('coordinatePlaceholderPlane')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {problems.length > 0 && (
        <ul className="field-problems">
          {problems.map((p) => (
            <li key={p} className="error">
              {p}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const positions = read(addKind);
            if (positions) onAdd(asLayerGeometry(geometryFromPositions(addKind, positions) as never, layer.geometryTypes));
          }}
        >
          {te('coordinateCreate')}
        </button>
        {selected && selectedKind && (
          <button
            type="button"
            onClick={() => {
              const positions = read(selectedKind);
              if (positions) onMove(selected.key, asLayerGeometry(geometryFromPositions(selectedKind, positions) as never, layer.geometryTypes));
            }}
          >
            {te('coordinateMove')}
          </button>
        )}
      </div>
    </div>
  );
}
