// A map tool (area selection, measuring): while it is active the map's clicks and drags are its own. One place for
// the steps each tool took by hand: turn off the map interactions it takes over, show the crosshair, listen, and
// undo all of it when the tool stops.
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';

/** The map interactions a tool may take over. */
export type MapInteraction = 'dragPan' | 'doubleClickZoom';

/** A tool's listeners: mouse events on the map; keys on the window (not while typing in a field is the tool's call). */
export interface MapToolHandlers {
  mousedown?: (e: MapMouseEvent) => void;
  mousemove?: (e: MapMouseEvent) => void;
  mouseup?: (e: MapMouseEvent) => void;
  click?: (e: MapMouseEvent) => void;
  dblclick?: (e: MapMouseEvent) => void;
  keydown?: (e: KeyboardEvent) => void;
}

export interface MapToolOptions {
  disable?: MapInteraction[];
}

/** The parts of a map a tool uses. */
export type ToolMap = Pick<MapLibreMap, 'on' | 'off' | 'getCanvas' | MapInteraction>;

const MOUSE_EVENTS = ['mousedown', 'mousemove', 'mouseup', 'click', 'dblclick'] as const;

/**
 * How many tools hold each interaction (and the crosshair) per map: one tool stopping as the next starts must not
 * give the map back what the next one took.
 */
const holds = new WeakMap<ToolMap, Map<MapInteraction | 'cursor', number>>();

function hold(map: ToolMap, what: MapInteraction | 'cursor'): void {
  const held = holds.get(map) ?? new Map<MapInteraction | 'cursor', number>();
  holds.set(map, held);
  const n = held.get(what) ?? 0;
  held.set(what, n + 1);
  if (n > 0) return;
  if (what === 'cursor') map.getCanvas().style.cursor = 'crosshair';
  else map[what].disable();
}

function release(map: ToolMap, what: MapInteraction | 'cursor'): void {
  const held = holds.get(map);
  const n = held?.get(what) ?? 0;
  if (n === 0) return;
  held!.set(what, n - 1);
  if (n > 1) return;
  if (what === 'cursor') map.getCanvas().style.cursor = '';
  else map[what].enable();
}

/**
 * Starts a tool on the map and returns what stops it. The interactions come back after the current event, so the
 * double click or mouse-up that ends a tool does not also zoom or pan the map.
 */
export function startMapTool(map: ToolMap, handlers: MapToolHandlers, { disable = [] }: MapToolOptions = {}): () => void {
  for (const what of disable) hold(map, what);
  hold(map, 'cursor');
  const listening = MOUSE_EVENTS.flatMap((type) => {
    const listener = handlers[type];
    return listener ? [{ type, listener }] : [];
  });
  for (const { type, listener } of listening) map.on(type, listener);
  const { keydown } = handlers;
  if (keydown) window.addEventListener('keydown', keydown);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const { type, listener } of listening) map.off(type, listener);
    if (keydown) window.removeEventListener('keydown', keydown);
    release(map, 'cursor');
    setTimeout(() => {
      for (const what of disable) release(map, what);
    }, 0);
  };
}

/** A tool's listeners for the hook: each gets the event and the tool's state of this activation. */
export type MapToolListeners<S> = { [K in keyof MapToolHandlers]?: (e: Parameters<NonNullable<MapToolHandlers[K]>>[0], state: S) => void };

export interface UseMapToolOptions<S> extends MapToolOptions {
  /** The tool's state, made afresh each time it starts (a drag's start, the corners clicked so far …). */
  init?: () => S;
}

/**
 * While `active`, the map is the tool's. The listeners are those of the latest render (they may use the latest props
 * and callbacks); which events are listened to, `disable` and `init` are read when the tool starts.
 */
export function useMapTool<S = undefined>(map: MapLibreMap | null, active: boolean, listeners: MapToolListeners<S>, options: UseMapToolOptions<S> = {}): void {
  const dispatch = useEffectEvent((type: keyof MapToolHandlers, e: MapMouseEvent | KeyboardEvent, state: S) => {
    (listeners[type] as ((e: MapMouseEvent | KeyboardEvent, state: S) => void) | undefined)?.(e, state);
  });
  const start = useEffectEvent((on: MapLibreMap) => {
    const state = options.init ? options.init() : (undefined as S);
    const handlers: MapToolHandlers = {};
    for (const type of Object.keys(listeners) as (keyof MapToolHandlers)[]) {
      if (listeners[type]) (handlers as Record<string, (e: MapMouseEvent | KeyboardEvent) => void>)[type] = (e) => dispatch(type, e, state);
    }
    return startMapTool(on, handlers, options);
  });
  useEffect(() => {
    if (!map || !active) return;
    return start(map);
  }, [map, active]);
}
