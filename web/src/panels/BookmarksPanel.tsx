// ブックマーク: the view and the visible layers live in the URL (shareable, restored on reload), and named
// views are saved per user in this browser (bookmarks.ts).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Layer, User } from '../api/model';
import { useI18n } from '../i18n';
import { bookmarkUrl, hashOfView, layersFromSearch, readBookmarks, searchWithLayers, viewOfHash, withBookmark, writeBookmarks, type Bookmark } from '../map/bookmarks';
import { isVisible, type LayerPrefs } from './layerPrefs';

interface LayerChoice {
  layers: Layer[] | null;
  prefs: LayerPrefs;
  setVisible: (key: string, visible: boolean) => void;
}

const visibleKeys = (layers: Layer[], prefs: LayerPrefs) => layers.filter((l) => isVisible(prefs, l.key)).map((l) => l.key);

/** The URL's ?layers= wins once at start; afterwards the URL follows the layer choice. */
export function useLayersInUrl({ layers, prefs, setVisible }: LayerChoice): void {
  const applied = useRef(false);
  useEffect(() => {
    if (!layers || applied.current) return;
    applied.current = true;
    const wanted = layersFromSearch(window.location.search);
    if (wanted) for (const layer of layers) setVisible(layer.key, wanted.includes(layer.key));
  }, [layers, setVisible]);
  useEffect(() => {
    if (!layers || !applied.current) return;
    const search = searchWithLayers(window.location.search, visibleKeys(layers, prefs));
    if (search !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  }, [layers, prefs]);
}

export function BookmarksPanel({ user, map, layers, prefs, setVisible }: LayerChoice & { user: User; map: MapLibreMap | null }) {
  const { t } = useI18n();
  const [list, setList] = useState<Bookmark[]>(() => readBookmarks(user.username));
  const [name, setName] = useState('');
  const [shared, setShared] = useState<string | null>(null);

  function save(next: Bookmark[]) {
    setList(next);
    writeBookmarks(user.username, next);
  }

  function current(bookmarkName: string): Bookmark | null {
    if (!map || !layers) return null;
    const { lng, lat } = map.getCenter();
    return { name: bookmarkName, hash: hashOfView(map.getZoom(), [lng, lat]), layers: visibleKeys(layers, prefs) };
  }

  function open(bookmark: Bookmark) {
    const view = viewOfHash(bookmark.hash);
    if (map && view) map.jumpTo(view);
    for (const layer of layers ?? []) setVisible(layer.key, bookmark.layers.includes(layer.key));
  }

  function share(bookmark: Bookmark | null) {
    if (!bookmark) return;
    const url = bookmarkUrl(bookmark, window.location);
    setShared(url);
    // The clipboard needs a secure context; the address is shown to copy by hand otherwise.
    navigator.clipboard?.writeText(url).catch(() => {});
  }

  return (
    <div className="bookmarks">
      <form
        className="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          const bookmark = current(name.trim());
          if (!bookmark?.name) return;
          save(withBookmark(list, bookmark));
          setName('');
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('bookmarkName')} placeholder={t('bookmarkName')} maxLength={60} />
        <button type="submit" disabled={!name.trim() || !map}>
          {t('bookmarkSave')}
        </button>
      </form>
      {list.length === 0 ? (
        <p className="muted">{t('bookmarkNone')}</p>
      ) : (
        <ul className="bookmark-list">
          {list.map((bookmark) => (
            <li key={bookmark.name}>
              <button type="button" className="link" onClick={() => open(bookmark)}>
                {bookmark.name}
              </button>{' '}
              <button type="button" className="small" onClick={() => share(bookmark)} aria-label={t('bookmarkShareOf', { name: bookmark.name })}>
                {t('bookmarkShare')}
              </button>{' '}
              <button type="button" className="small" onClick={() => save(list.filter((b) => b !== bookmark))} aria-label={t('bookmarkDeleteOf', { name: bookmark.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="small" onClick={() => share(current(''))} disabled={!map}>
        {t('bookmarkShareView')}
      </button>
      {shared && (
        <label className="bookmark-url">
          {t('bookmarkUrl')}
          <input readOnly value={shared} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </div>
  );
}
