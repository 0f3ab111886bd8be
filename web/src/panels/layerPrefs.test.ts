import { moveKey, orderedKeys, type LayerPrefs } from './layerPrefs';

const prefs = (rasterOrder?: string[]): LayerPrefs => ({ visible: {}, opacity: {}, rasterOrder });

describe('raster layer order', () => {
  test('the user order comes first; layers never moved follow in the server order; removed layers drop out', () => {
    expect(orderedKeys(prefs(), ['scans', 'ortho'])).toEqual(['scans', 'ortho']);
    expect(orderedKeys(prefs(['ortho', 'gone']), ['scans', 'ortho', 'boundary'])).toEqual(['ortho', 'scans', 'boundary']);
  });

  test('moving up and down swaps neighbours and stops at the ends', () => {
    expect(moveKey(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveKey(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveKey(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveKey(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});
