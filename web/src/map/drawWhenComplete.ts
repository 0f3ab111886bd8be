// Fewer frames while a map loads. MapLibre draws a frame each time a source or tile arrives. Where
// WebGL is software (headless Chromium on a server without a GPU, or a PC whose GPU is blocked) a
// frame costs 0.1–0.4 s of CPU and holds the page's main thread, so the frames of the arrivals delay
// the arrivals themselves: the first view drew ~20 frames and a printed sheet ~19 to keep one.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** MapLibre's internals used here (maplibre-gl is pinned to an exact version in package.json). */
interface MapInternals {
  painter: { render: (...args: unknown[]) => void };
  _placementDirty?: boolean;
}

/**
 * Lets the map load and place labels as usual but draw only once everything it shows is in (the frame
 * that makes it idle), or when `atLeastEveryMs` has passed since the last drawn frame (something
 * slow still shows what has come). `untilIdle`: from the first idle on, every frame is drawn again.
 */
export function drawWhenComplete(map: MapLibreMap, options: { atLeastEveryMs?: number; untilIdle?: boolean } = {}): void {
  const internals = map as unknown as MapInternals;
  const painter = internals.painter;
  const draw = painter.render.bind(painter);
  let lastDrawn = performance.now();
  let always = false;
  painter.render = (...args) => {
    const due = options.atLeastEveryMs !== undefined && performance.now() - lastDrawn >= options.atLeastEveryMs;
    if (!always && !due && !(map.loaded() && !internals._placementDirty)) return;
    lastDrawn = performance.now();
    draw(...args);
  };
  if (options.untilIdle) void map.once('idle', () => (always = true));
}
