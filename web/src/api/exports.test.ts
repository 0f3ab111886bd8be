import { exportUrl } from './exports';

describe('exportUrl', () => {
  it('carries the table filter as JSON and the extent as a bbox', () => {
    const url = new URL(exportUrl('curve_mirrors', {
      format: 'gpkg', srid: 6677, where: [{ field: 'condition', eq: '要交換' }], bbox: [140.1, 35.6, 140.2, 35.7],
      orderBy: { field: 'mirror_no', descending: true },
    }), 'http://localhost');
    expect(JSON.parse(url.searchParams.get('order')!)).toEqual({ field: 'mirror_no', descending: true });
    expect(url.pathname).toBe('/api/layers/curve_mirrors/export');
    expect(url.searchParams.get('format')).toBe('gpkg');
    expect(url.searchParams.get('srid')).toBe('6677');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual([{ field: 'condition', eq: '要交換' }]);
    expect(url.searchParams.get('bbox')).toBe('140.1000000,35.6000000,140.2000000,35.7000000');
  });

  it('leaves out what was not asked', () => {
    const url = new URL(exportUrl('garbage_points', { format: 'csv', where: [] }), 'http://localhost');
    expect([...url.searchParams.keys()]).toEqual(['format']);
  });
});
