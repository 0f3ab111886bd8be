/** Independent reference computations for tests (not the code under test). */
const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius: ~0.3% from the ellipsoid here). */
export function haversine([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

export function lineLength(coords: number[][]): number {
  let total = 0;
  for (let i = 1; i < coords.length; i++) total += haversine(coords[i - 1], coords[i]);
  return total;
}

export function allPositions(geometry: { type: string; coordinates: any }): number[][] {
  const out: number[][] = [];
  const walk = (c: any) => (typeof c[0] === 'number' ? out.push(c) : c.forEach(walk));
  walk(geometry.coordinates);
  return out;
}
