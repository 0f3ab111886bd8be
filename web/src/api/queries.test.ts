import { withPermissions } from './queries';

test('whether a layer is editable is what the server said with the layers, so a layer made during the session is editable at once', () => {
  const layer = (key: string) => ({ key, style: { color: '#000000' } });
  const before = withPermissions([layer('curve_mirrors')], ['curve_mirrors']);
  expect(before.map((l) => [l.key, l.canEdit])).toEqual([['curve_mirrors', true]]);
  // The admin created fire_hydrants: the next read of the layers carries it in editableLayers.
  const after = withPermissions([layer('curve_mirrors'), layer('fire_hydrants'), layer('street_lights')], ['curve_mirrors', 'fire_hydrants']);
  expect(after.map((l) => [l.key, l.canEdit])).toEqual([['curve_mirrors', true], ['fire_hydrants', true], ['street_lights', false]]);
});
