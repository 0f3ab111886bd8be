// The drawing library on the map: Terra Draw with its MapLibre adapter handles the pointer (draw,
// select, drag, vertex edits). It holds a copy of the session's features for display and
// interaction only; every finished gesture is reported back and becomes an action on the edit
// graph, and the graph is synced back into Terra Draw. The graph stays the single truth.
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type HexColor,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { parseDrawId, toDrawFeatures, type DrawFeature, type DrawMode } from './drawParts';
import { nextNewKey, type DraftFeature, type FeatureKey } from './graph';

export type Tool = DrawMode | 'select';

export interface DrawCallbacks {
  /** A new point, line or area was drawn (key: the new feature's key). */
  onCreate(key: FeatureKey, geometry: Point | LineString | Polygon, mode: DrawMode): void;
  /**
   * A gesture (a drag, a vertex move, insert or delete) changed a part of a feature. `gesture` numbers
   * the pointer presses on the map: dragging a midpoint out reports an insert and then a vertex drag
   * within one press, which the session keeps as one undo step.
   */
  onReshape(key: FeatureKey, part: number | null, geometry: Point | LineString | Polygon, action: string, gesture: number): void;
  onSelect(key: FeatureKey | null): void;
  /** Where to snap a pointer, or undefined to leave it (the position being edited is excluded). */
  snap(event: { lng: number; lat: number; x: number; y: number }, excludeKey: FeatureKey | null): Position | undefined;
}

const CLEAN: HexColor = '#1c7ed6';
const DIRTY: HexColor = '#f76707';
const colour = (f: GeoJSONStoreFeatures): HexColor => (f.properties.dirty ? DIRTY : CLEAN);

/** Pointer presses on the map, numbered across controllers so that no two gestures share a number. */
let gesture = 0;

export class DrawController {
  private readonly draw: TerraDraw;
  private syncing = false;
  private held = new Map<string, string>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly callbacks: DrawCallbacks,
  ) {
    const snapping = {
      toCoordinate: true,
      toCustom: (event: TerraDrawMouseEvent, context: { currentId?: string | number }) =>
        this.callbacks.snap(
          { lng: event.lng, lat: event.lat, x: event.containerX, y: event.containerY },
          context.currentId != null ? parseDrawId(String(context.currentId)).key : null,
        ),
    };
    const lineStyles = { lineStringColor: colour, lineStringWidth: 4, closingPointColor: CLEAN, snappingPointColor: '#f03e3e' as HexColor };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => nextNewKey() },
      modes: [
        new TerraDrawPointMode({ styles: { pointColor: colour, pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
        new TerraDrawLineStringMode({ snapping, styles: lineStyles }),
        new TerraDrawPolygonMode({
          snapping,
          styles: { fillColor: colour, fillOpacity: 0.25, outlineColor: colour, outlineWidth: 3, closingPointColor: CLEAN, snappingPointColor: '#f03e3e' },
        }),
        new TerraDrawSelectMode({
          // Delete and undo are the session's (they are edits); Escape still deselects.
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
          // Midpoints must be draggable for "drag a midpoint to add a vertex" (the hint says so);
          // with `midpoints: true` only a click on one inserts a vertex, a drag does not.
          flags: {
            point: { feature: { draggable: true } },
            linestring: {
              feature: { draggable: true, coordinates: { draggable: true, deletable: true, midpoints: { draggable: true }, snappable: snapping } },
            },
            polygon: {
              feature: { draggable: true, coordinates: { draggable: true, deletable: true, midpoints: { draggable: true }, snappable: snapping } },
            },
          },
          styles: {
            selectedPointColor: '#e03131',
            selectedPointWidth: 9,
            selectedPointOutlineColor: '#ffffff',
            selectedPointOutlineWidth: 2,
            selectedLineStringColor: '#e03131',
            selectedLineStringWidth: 5,
            selectedPolygonColor: '#e03131',
            selectedPolygonOutlineColor: '#e03131',
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#e03131',
            selectionPointWidth: 5,
            midPointColor: '#e03131',
          },
        }),
      ],
    });
    this.draw.start();
    map.getCanvas().addEventListener('pointerdown', this.onPointerDown);
    this.draw.on('finish', this.onFinish);
    this.draw.on('select', this.onSelect);
    this.draw.on('deselect', this.onDeselect);
  }

  private onPointerDown = () => {
    gesture++;
  };

  private onFinish = (id: string | number, context: { mode: string; action: string }) => {
    if (this.syncing) return;
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature) return;
    const geometry = feature.geometry as Point | LineString | Polygon;
    if (context.action === 'draw') {
      this.callbacks.onCreate(String(id), geometry, context.mode as DrawMode);
    } else {
      const { key, part } = parseDrawId(String(id));
      this.callbacks.onReshape(key, part, geometry, context.action, gesture);
    }
  };

  private onSelect = (id: string | number) => {
    if (!this.syncing) this.callbacks.onSelect(parseDrawId(String(id)).key);
  };

  private onDeselect = () => {
    if (!this.syncing) this.callbacks.onSelect(null);
  };

  setTool(tool: Tool | null): void {
    const mode = tool ?? 'static';
    if (this.draw.getMode() !== mode) this.draw.setMode(mode);
  }

  /** Makes Terra Draw hold exactly these features, as the graph has them. */
  sync(features: DraftFeature[], dirty: Set<FeatureKey>, selected: FeatureKey | null): void {
    this.syncing = true;
    try {
      const wanted = new Map<string, DrawFeature>();
      for (const f of features) for (const d of toDrawFeatures(f, dirty.has(f.key))) wanted.set(d.id, d);
      const present = new Set(this.draw.getSnapshot().filter((f) => !isGuidance(f)).map((f) => String(f.id)));
      const gone = [...present].filter((id) => !wanted.has(id) && !this.isBeingDrawn(id));
      if (gone.length) this.draw.removeFeatures(gone);
      const added: DrawFeature[] = [];
      for (const [id, d] of wanted) {
        const signature = JSON.stringify([d.geometry, d.properties.dirty]);
        if (!present.has(id)) {
          added.push(d);
        } else if (this.held.get(id) !== signature) {
          const current = this.draw.getSnapshotFeature(id);
          if (current && JSON.stringify(current.geometry) !== JSON.stringify(d.geometry)) this.draw.updateFeatureGeometry(id, d.geometry);
          if (current && current.properties.dirty !== d.properties.dirty) this.draw.updateFeatureProperties(id, { dirty: d.properties.dirty });
        }
        this.held.set(id, signature);
      }
      for (const id of gone) this.held.delete(id);
      if (added.length) {
        const results = this.draw.addFeatures(added as unknown as GeoJSONStoreFeatures[]);
        for (const r of results) if (!r.valid) console.warn(`feature ${String(r.id)} cannot be drawn: ${r.reason}`);
      }
      this.syncSelection(selected);
    } finally {
      this.syncing = false;
    }
  }

  private isBeingDrawn(id: string): boolean {
    const f = this.draw.getSnapshotFeature(id);
    return !!f?.properties.currentlyDrawing;
  }

  private syncSelection(selected: FeatureKey | null): void {
    if (this.draw.getMode() !== 'select') return;
    const snapshot = this.draw.getSnapshot().filter((f) => !isGuidance(f));
    for (const f of snapshot) {
      const key = parseDrawId(String(f.id)).key;
      const isSelected = !!f.properties.selected;
      // Terra Draw selects one part at a time; selecting the feature selects its first part.
      if (isSelected && key !== selected) this.draw.deselectFeature(f.id!);
    }
    if (selected && !snapshot.some((f) => f.properties.selected && parseDrawId(String(f.id)).key === selected)) {
      const first = snapshot.find((f) => parseDrawId(String(f.id)).key === selected);
      if (first) this.draw.selectFeature(first.id!);
    }
  }

  /** Whether a draw feature lies under the pointer (then Terra Draw, not the map, has the click). */
  hasFeatureAt(lng: number, lat: number): boolean {
    return this.draw.getFeaturesAtLngLat({ lng, lat }, { pointerDistance: 12, ignoreSelectFeatures: false }).length > 0;
  }

  /** The geometries Terra Draw holds, except those of one feature (candidates for snapping). */
  geometriesExcept(key: FeatureKey | null): Geometry[] {
    return this.draw
      .getSnapshot()
      .filter((f) => !isGuidance(f) && parseDrawId(String(f.id)).key !== key)
      .map((f) => f.geometry);
  }

  destroy(): void {
    this.map.getCanvas().removeEventListener('pointerdown', this.onPointerDown);
    this.draw.off('finish', this.onFinish);
    this.draw.off('select', this.onSelect);
    this.draw.off('deselect', this.onDeselect);
    // stop() clears the store and takes Terra Draw's layers off the map (if the map still exists).
    if (this.map.style) this.draw.stop();
  }
}

function isGuidance(f: GeoJSONStoreFeatures): boolean {
  const p = f.properties;
  return !!(p.midPoint || p.selectionPoint || p.coordinatePoint || p.snappingPoint || p.closingPoint);
}
