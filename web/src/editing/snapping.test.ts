import type { Position } from 'geojson';
import { snap } from './snapping';

// A simple projection: 1 degree = 1000 px.
const project = (p: Position) => ({ x: p[0] * 1000, y: -p[1] * 1000 });
const road = { type: 'LineString' as const, coordinates: [[0, 0], [0.1, 0]] };

describe('snapping', () => {
  test('a pointer near a line lands on the line', () => {
    const result = snap({ x: 50, y: -5 }, [road], project, 10);
    expect(result?.kind).toBe('line');
    expect(result!.position[0]).toBeCloseTo(0.05, 9);
    expect(result!.position[1]).toBeCloseTo(0, 9);
  });

  test('a vertex within reach wins over a nearer line', () => {
    const result = snap({ x: 97, y: -1 }, [road], project, 10);
    expect(result).toMatchObject({ kind: 'vertex', position: [0.1, 0] });
  });

  test('nothing within the tolerance: no snap', () => {
    expect(snap({ x: 50, y: -30 }, [road], project, 10)).toBeNull();
  });

  test('polygon rings and points are candidates too', () => {
    const parcel = { type: 'Polygon' as const, coordinates: [[[0, 0.2], [0.1, 0.2], [0.1, 0.3], [0, 0.2]]] };
    expect(snap({ x: 101, y: -299 }, [parcel], project, 5)).toMatchObject({ kind: 'vertex', position: [0.1, 0.3] });
    expect(snap({ x: 3, y: 2 }, [{ type: 'Point', coordinates: [0.001, -0.001] }], project, 5)).toMatchObject({ kind: 'vertex' });
  });
});
