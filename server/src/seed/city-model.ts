import fs from 'node:fs';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { hasPoint } from '../modules/city/city.service';
import { Random } from './random';

export type Position = [number, number];
export interface Town { name: string; base: string; at: Position }
export interface RoadNode { id: number; at: Position; degree: number }
export interface RoadEdge { a: RoadNode; b: RoadNode; coords: Position[]; route: Route; segmentNo: number }
export interface Route { no: string; name: string; roadClass: '1級' | '2級' | 'その他'; edges: RoadEdge[] }

const M_PER_DEG_LAT = 110_574;
const mPerDegLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

/** Offsets a position by metres east and north. */
export function offset([lon, lat]: Position, east: number, north: number): Position {
  return [lon + east / mPerDegLon(lat), lat + north / M_PER_DEG_LAT];
}

/** "鹿渡二丁目" → "鹿渡": the town name without its chōme, for association and route names. */
export const townBase = (name: string) => name.replace(/[一二三四五六七八九十]+丁目$/, '');

/** The real city (boundary and town points) plus a plausible synthetic road network inside it. */
export class CityModel {
  readonly towns: Town[];
  readonly routes: Route[] = [];
  readonly edges: RoadEdge[] = [];
  readonly nodes: RoadNode[] = [];
  private readonly boundary: any;
  readonly bbox: [number, number, number, number];

  constructor(dataDir: string, targetSegments: number, rnd: Random) {
    this.boundary = JSON.parse(fs.readFileSync(path.join(dataDir, 'yotsukaido-boundary.geojson'), 'utf8')).features[0];
    const towns = JSON.parse(fs.readFileSync(path.join(dataDir, 'yotsukaido-towns.geojson'), 'utf8'));
    this.towns = towns.features.filter(hasPoint).map((f: any) => ({ name: f.properties.town, base: townBase(f.properties.town), at: f.geometry.coordinates }));
    const coords = (this.boundary.geometry.coordinates as Position[][][]).flat(2);
    this.bbox = [
      Math.min(...coords.map((c) => c[0])), Math.min(...coords.map((c) => c[1])),
      Math.max(...coords.map((c) => c[0])), Math.max(...coords.map((c) => c[1])),
    ];
    this.buildRoads(targetSegments, rnd);
  }

  inside(p: Position): boolean {
    return booleanPointInPolygon(p, this.boundary);
  }

  nearestTown(p: Position): Town {
    let best = this.towns[0];
    let bestD = Infinity;
    const k = Math.cos((p[1] * Math.PI) / 180);
    for (const t of this.towns) {
      const d = ((t.at[0] - p[0]) * k) ** 2 + (t.at[1] - p[1]) ** 2;
      if (d < bestD) { bestD = d; best = t; }
    }
    return best;
  }

  /** A random point inside the city. */
  randomPoint(rnd: Random): Position {
    for (;;) {
      const p: Position = [rnd.between(this.bbox[0], this.bbox[2]), rnd.between(this.bbox[1], this.bbox[3])];
      if (this.inside(p)) return p;
    }
  }

  /**
   * A jittered street grid clipped to the boundary: adjacent nodes inside the city are joined,
   * which keeps the network connected. Rows and columns of segments are grouped into routes.
   */
  private buildRoads(target: number, rnd: Random) {
    const area = 34.5e6; // m², the city's area
    let spacing = Math.sqrt((2 * area) / target);
    for (let attempt = 0; attempt < 4; attempt++) {
      const count = this.layoutGrid(spacing, new Random(rnd.int(1, 1e9)), true);
      if (Math.abs(count - target) / target < 0.03) break;
      spacing *= Math.sqrt(count / target);
    }
    this.layoutGrid(spacing, rnd, false);
  }

  private layoutGrid(spacing: number, rnd: Random, dryRun: boolean): number {
    const [minLon, minLat, maxLon, maxLat] = this.bbox;
    const midLat = (minLat + maxLat) / 2;
    const dLon = spacing / mPerDegLon(midLat);
    const dLat = spacing / M_PER_DEG_LAT;
    const cols = Math.ceil((maxLon - minLon) / dLon) + 1;
    const rows = Math.ceil((maxLat - minLat) / dLat) + 1;
    const grid: (RoadNode | null)[][] = [];
    let nextId = 0;
    for (let i = 0; i < cols; i++) {
      grid.push([]);
      for (let j = 0; j < rows; j++) {
        const at = offset([minLon + i * dLon, minLat + j * dLat], rnd.between(-0.15, 0.15) * spacing, rnd.between(-0.15, 0.15) * spacing);
        grid[i].push(this.inside(at) ? { id: nextId++, at, degree: 0 } : null);
      }
    }
    let count = 0;
    const classOf = (k: number): Route['roadClass'] => (k % 6 === 0 ? '1級' : k % 3 === 0 ? '2級' : 'その他');
    const counters = { '1級': 0, '2級': 0, 'その他': 0 };
    const walk = (line: (RoadNode | null)[], lineIndex: number) => {
      let route: Route | null = null;
      for (let k = 0; k + 1 < line.length; k++) {
        const a = line[k];
        const b = line[k + 1];
        const mid: Position | null = a && b ? [(a.at[0] + b.at[0]) / 2, (a.at[1] + b.at[1]) / 2] : null;
        if (!a || !b || !mid || !this.inside(mid)) { route = null; continue; }
        count++;
        if (dryRun) continue;
        const roadClass = classOf(lineIndex);
        if (!route || route.edges.length >= (roadClass === 'その他' ? 4 : 8)) {
          const n = ++counters[roadClass];
          const no = roadClass === '1級' ? `1-${String(n).padStart(2, '0')}` : roadClass === '2級' ? `2-${String(n).padStart(3, '0')}` : `3-${String(n).padStart(4, '0')}`;
          const from = this.nearestTown(a.at).base;
          route = { no, name: `${from}${n}号線`, roadClass, edges: [] };
          this.routes.push(route);
        }
        // A slight bend in the middle makes the lines look less like a drawing exercise.
        const bend = offset(mid, rnd.between(-0.04, 0.04) * spacing, rnd.between(-0.04, 0.04) * spacing);
        if (!this.inside(bend)) { route = null; continue; }
        const edge: RoadEdge = { a, b, coords: [a.at, bend, b.at], route, segmentNo: route.edges.length + 1 };
        route.edges.push(edge);
        this.edges.push(edge);
        a.degree++; b.degree++;
      }
    };
    for (let j = 0; j < rows; j++) walk(grid.map((col) => col[j]), j);
    for (let i = 0; i < cols; i++) walk(grid[i], i + 1);
    if (!dryRun) {
      this.nodes.push(...grid.flat().filter((n): n is RoadNode => !!n && n.degree > 0));
      // A route whose first segment bent outside the boundary got no segments: drop it.
      const kept = this.routes.filter((r) => r.edges.length > 0);
      this.routes.splice(0, this.routes.length, ...kept);
      // Routes that end in another town are named after both ends, as city roads often are.
      for (const r of this.routes) {
        const start = this.nearestTown(r.edges[0].a.at).base;
        const end = this.nearestTown(r.edges[r.edges.length - 1].b.at).base;
        if (start !== end) r.name = `${start}${end}線`;
      }
    }
    return count;
  }

  /** A point beside a random road segment (street furniture stands at the road edge). */
  pointBesideRoad(rnd: Random, sideMetres: number): { at: Position; edge: RoadEdge } {
    for (;;) {
      const edge = rnd.pick(this.edges);
      const t = rnd.next();
      const [a, b] = t < 0.5 ? [edge.coords[0], edge.coords[1]] : [edge.coords[1], edge.coords[2]];
      const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
      const on: Position = [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u];
      const side = rnd.chance(0.5) ? 1 : -1;
      // Perpendicular offset in metres.
      const east = (b[0] - a[0]) * mPerDegLon(on[1]);
      const north = (b[1] - a[1]) * M_PER_DEG_LAT;
      const len = Math.hypot(east, north) || 1;
      const at = offset(on, (-north / len) * sideMetres * side, (east / len) * sideMetres * side);
      if (this.inside(at)) return { at, edge };
    }
  }
}
