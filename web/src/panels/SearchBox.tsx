// One box for towns (町丁目), addresses, lot numbers (地番), facilities, routes and management numbers,
// typed the way citizens say them; the server normalises and ranks. Results come grouped by kind under
// headings. Follows the ARIA combobox pattern: arrow keys move through the results, Enter picks one.
// A hit that is not what was typed (the nearest 枝番, an address shown as its town) says so.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api/client';
import { search } from '../api/queries';
import type { Layer, SearchNote, SearchResult } from '../api/model';
import { useI18n, type I18n } from '../i18n';
import './search.css';
import type { MessageKey } from '../i18n/ja';

interface Props {
  layersByKey: Map<string, Layer>;
  onPick: (result: SearchResult) => void;
}

const DEBOUNCE_MS = 250;

const GROUP_TITLES: Record<string, MessageKey> = {
  town: 'searchKindTown', address: 'searchKindAddress', lot: 'searchKindLot', facility: 'searchKindFacility',
  route: 'searchKindRoute', feature: 'searchKindLayerFeature',
};
const NOTE_MESSAGES: Record<string, MessageKey> = {
  nearestBranch: 'searchNoteNearestBranch', lotNotFound: 'searchNoteLotNotFound', addressInTown: 'searchNoteAddressInTown',
  nearMatch: 'searchNoteNearMatch',
};

/** The note of a hit in the user's language (unknown codes fall back to nothing). */
export function searchNoteText(note: SearchNote | null, i18n: I18n): string | null {
  const key = note && NOTE_MESSAGES[note.code];
  return key ? i18n.t(key, { requested: note.requested, found: note.found ?? '' }) : null;
}

export function SearchBox({ layersByKey, onPick }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [pickedNote, setPickedNote] = useState<string | null>(null);
  // After a pick the box shows the picked label; that text is not searched again.
  const pickedRef = useRef<string | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (!query) return; // the input cleared the list
    if (text === pickedRef.current) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      search(query, 10, controller.signal)
        .then((found) => {
          setResults(found);
          setError(null);
          setActive(found.length ? 0 : -1);
          setOpen(true);
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          setError(e instanceof ApiError ? e.message : String(e));
          setResults([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  function pick(result: SearchResult) {
    setOpen(false);
    pickedRef.current = result.label;
    setText(result.label);
    setPickedNote(searchNoteText(result.note, i18n));
    onPick(result);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = results?.length ?? 0;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      setActive((a) => (a - 1 + count) % count);
    } else if (event.key === 'Enter' && open && results && active >= 0 && active < count) {
      event.preventDefault();
      pick(results[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault(); // closes the list, not the panel behind it
      setOpen(false);
    }
  }

  const listId = `${id}-results`;
  const showList = open && results !== null;
  return (
    <div className="search-box" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${id}-r${active}` : undefined}
        placeholder={t('searchPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) setResults(null);
          setPickedNote(null);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => results && setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        autoComplete="off"
      />
      {showList && (
        <ul id={listId} role="listbox" aria-label={t('searchResults')} className="search-results">
          {error && <li className="error">{t('error', { message: error })}</li>}
          {!error && results.length === 0 && <li className="muted">{t('searchNoResults')}</li>}
          {results.flatMap((result, i) => {
            const layer = result.layerKey ? layersByKey.get(result.layerKey) : undefined;
            const kind = result.kind === 'town' ? t('searchKindTown') : layer ? i18n.layerName(layer) : t('searchKindFeature');
            const note = searchNoteText(result.note, i18n);
            // The results arrive grouped by kind: a heading starts each group.
            const heading = i === 0 || results[i - 1].kind !== result.kind ? (
              <li key={`group:${result.kind}`} role="presentation" className="search-group" data-group={result.kind}>
                {GROUP_TITLES[result.kind] ? t(GROUP_TITLES[result.kind]) : result.kind}
              </li>
            ) : null;
            return [heading, (
              <li
                key={`${result.kind}:${result.layerKey ?? ''}:${result.featureId ?? result.label}:${i}`}
                id={`${id}-r${i}`}
                role="option"
                data-kind={result.kind}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(result)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="result-kind">{kind}</span>
                <span className="result-label">{result.label}</span>
                {result.sublabel && <span className="result-sublabel">{result.sublabel}</span>}
                {(result.date || result.town) && (
                  <span className="result-where">{[result.date && i18n.formatDate(result.date), result.town].filter(Boolean).join(' · ')}</span>
                )}
                {result.match === 'fuzzy' && !note && <span className="result-match">{t('searchMatchFuzzy')}</span>}
                {result.match === 'similar' && !note && <span className="result-match">{t('searchMatchSimilar')}</span>}
                {note && <span className="result-note">{note}</span>}
              </li>
            )];
          })}
        </ul>
      )}
      {pickedNote && !showList && (
        <p className="search-note" role="status" onClick={() => setPickedNote(null)}>
          {pickedNote}
        </p>
      )}
    </div>
  );
}
