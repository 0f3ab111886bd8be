import { bookmarkUrl, hashOfView, layersFromSearch, readBookmarks, searchWithLayers, viewOfHash, withBookmark, writeBookmarks } from './bookmarks';

test('the URL names the visible layers next to other parameters, and reads back', () => {
  const search = searchWithLayers('?lang=en', ['road_ledger', 'street_lights']);
  expect(search).toBe('?lang=en&layers=road_ledger,street_lights');
  expect(layersFromSearch(search)).toEqual(['road_ledger', 'street_lights']);
  expect(layersFromSearch(searchWithLayers(search, []))).toEqual([]);
});

test('no layers parameter keeps the user\'s own choice; keys that are not layer keys are dropped', () => {
  expect(layersFromSearch('?lang=en')).toBeNull();
  expect(layersFromSearch('?layers=parcels,<script>,a%20b')).toEqual(['parcels']);
});

test('a bookmark\'s URL holds the view and the layers', () => {
  const url = bookmarkUrl({ name: '駅前', hash: '#17/35.67/140.17', layers: ['garbage_points'] }, { origin: 'http://gis.local', pathname: '/', search: '?layers=x' });
  expect(url).toBe('http://gis.local/?layers=garbage_points#17/35.67/140.17');
});

test('saving under an existing name replaces it; the list is kept per user and ignores junk', () => {
  const store = new Map<string, string>();
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  let list = withBookmark([], { name: '駅前', hash: '#15/1/2', layers: [] });
  list = withBookmark(list, { name: '市役所', hash: '#16/1/2', layers: ['parcels'] });
  list = withBookmark(list, { name: '駅前', hash: '#18/1/2', layers: [] });
  expect(list.map((b) => [b.name, b.hash])).toEqual([['駅前', '#18/1/2'], ['市役所', '#16/1/2']]);
  writeBookmarks('roads', list, storage);
  expect(readBookmarks('roads', storage)).toEqual(list);
  expect(readBookmarks('counter', storage)).toEqual([]);
  store.set('chizu.bookmarks.v1.roads', '[{"name":1},{"name":"ok","hash":"#1/2/3","layers":[]}]');
  expect(readBookmarks('roads', storage)).toEqual([{ name: 'ok', hash: '#1/2/3', layers: [] }]);
});

test('a view written to a hash reads back; a hash without a view is null', () => {
  const hash = hashOfView(17.25, [140.171234, 35.671234]);
  expect(hash).toBe('#17.25/35.671234/140.171234');
  expect(viewOfHash(hash)).toEqual({ zoom: 17.25, center: [140.171234, 35.671234], bearing: 0, pitch: 0 });
  expect(viewOfHash('#map')).toBeNull();
  expect(viewOfHash('#3/95/140')).toBeNull();
});
