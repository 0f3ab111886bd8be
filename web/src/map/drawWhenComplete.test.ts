import type { Map as MapLibreMap } from 'maplibre-gl';
import { drawWhenComplete } from './drawWhenComplete';

/** The parts of a MapLibre map drawWhenComplete reads: its renderer, loaded(), placement and the idle event. */
function loadingMap() {
  const drawn: number[] = [];
  const idle: Array<() => void> = [];
  const map = {
    complete: false,
    _placementDirty: false,
    painter: { render: (frame: number) => void drawn.push(frame) },
    loaded() {
      return this.complete;
    },
    once(event: string, listener: () => void) {
      if (event === 'idle') idle.push(listener);
      return this;
    },
  };
  return { map, drawn, becomeIdle: () => idle.splice(0).forEach((l) => l()), asMap: map as unknown as MapLibreMap };
}

describe('drawing a loading map once it is complete', () => {
  test('frames while sources and tiles arrive are skipped; the complete one is drawn', () => {
    const { map, drawn, asMap } = loadingMap();
    drawWhenComplete(asMap);
    map.painter.render(1);
    map.painter.render(2);
    map.complete = true;
    map._placementDirty = true; // labels still being placed
    map.painter.render(3);
    map._placementDirty = false;
    map.painter.render(4);
    expect(drawn).toEqual([4]);
  });

  test('with atLeastEveryMs, what has come is drawn once that long has passed', () => {
    const { map, drawn, asMap } = loadingMap();
    const now = jest.spyOn(performance, 'now').mockReturnValue(1000);
    try {
      drawWhenComplete(asMap, { atLeastEveryMs: 2000 });
      now.mockReturnValue(2500);
      map.painter.render(1);
      now.mockReturnValue(3000);
      map.painter.render(2);
      now.mockReturnValue(3100);
      map.painter.render(3); // 100 ms after the last drawn frame
      expect(drawn).toEqual([2]);
    } finally {
      now.mockRestore();
    }
  });

  test('untilIdle: after the first idle every frame is drawn again (panning while tiles load)', () => {
    const { map, drawn, becomeIdle, asMap } = loadingMap();
    drawWhenComplete(asMap, { untilIdle: true });
    map.painter.render(1);
    map.complete = true;
    map.painter.render(2);
    becomeIdle();
    map.complete = false;
    map.painter.render(3);
    expect(drawn).toEqual([2, 3]);
  });
});
