import { Event, Evented, type MapMouseEvent } from 'maplibre-gl';
import { startMapTool, type ToolMap } from './mapTool';

/** The parts of a map a tool touches: MapLibre's own event emitter, two interactions and a canvas. */
class ToolTestMap extends Evented {
  readonly canvas = { style: { cursor: '' } };
  readonly dragPan = interaction();
  readonly doubleClickZoom = interaction();
  getCanvas() {
    return this.canvas;
  }
}

function interaction() {
  let enabled = true;
  return { enable: () => void (enabled = true), disable: () => void (enabled = false), isEnabled: () => enabled };
}

const asMap = (map: ToolTestMap) => map as unknown as ToolMap;
const afterThisEvent = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(() => {
  (globalThis as { window?: unknown }).window = new EventTarget();
});
afterAll(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('a map tool', () => {
  test('takes the interactions it names and the crosshair, hears its events, and gives all back after the event that stops it', async () => {
    const map = new ToolTestMap();
    const heard: string[] = [];
    const stop = startMapTool(asMap(map), {
      click: (e) => heard.push(`click ${e.type}`),
      dblclick: () => heard.push('dblclick'),
      keydown: (e) => heard.push(`key ${e.key}`),
    }, { disable: ['doubleClickZoom'] });
    expect(map.doubleClickZoom.isEnabled()).toBe(false);
    expect(map.dragPan.isEnabled()).toBe(true);
    expect(map.canvas.style.cursor).toBe('crosshair');
    map.fire(new Event('click') as unknown as MapMouseEvent);
    map.fire(new Event('dblclick'));
    window.dispatchEvent(Object.assign(new globalThis.Event('keydown'), { key: 'Enter' }));
    expect(heard).toEqual(['click click', 'dblclick', 'key Enter']);

    stop();
    map.fire(new Event('click'));
    window.dispatchEvent(Object.assign(new globalThis.Event('keydown'), { key: 'Enter' }));
    expect(heard).toHaveLength(3);
    expect(map.canvas.style.cursor).toBe('');
    // The double click that finished the tool must not zoom: the map gets it back a moment later.
    expect(map.doubleClickZoom.isEnabled()).toBe(false);
    await afterThisEvent();
    expect(map.doubleClickZoom.isEnabled()).toBe(true);
    stop();
    await afterThisEvent();
    expect(map.doubleClickZoom.isEnabled()).toBe(true);
  });

  test('one tool stopping as the next starts leaves the next one its interactions and crosshair', async () => {
    const map = new ToolTestMap();
    const measure = startMapTool(asMap(map), { click: () => {} }, { disable: ['doubleClickZoom'] });
    measure();
    const polygon = startMapTool(asMap(map), { click: () => {} }, { disable: ['doubleClickZoom', 'dragPan'] });
    await afterThisEvent();
    expect(map.doubleClickZoom.isEnabled()).toBe(false);
    expect(map.dragPan.isEnabled()).toBe(false);
    expect(map.canvas.style.cursor).toBe('crosshair');
    polygon();
    await afterThisEvent();
    expect(map.doubleClickZoom.isEnabled()).toBe(true);
    expect(map.dragPan.isEnabled()).toBe(true);
  });
});
