import { panToKeep } from './keepInView';

describe('keeping the clicked feature in view when the panel opens', () => {
  test('a point the resize moved left goes back to where it was clicked', () => {
    // Map 1000 px wide shrinks to 640 px: MapLibre keeps the centre, the point moves left by 180 px.
    expect(panToKeep(500, 320, 640)).toBe(320 - 500);
  });

  test('a point clicked where the panel now is comes back inside the map', () => {
    expect(panToKeep(950, 770, 640)).toBe(770 - (640 - 48));
  });

  test('nothing to do when the point is where it was', () => {
    expect(panToKeep(200, 200, 640)).toBe(0);
  });
});
