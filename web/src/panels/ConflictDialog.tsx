// A save met a colleague's newer version: the user's version and the stored one side by side
// (attributes here, geometry on the map), then keep mine, take theirs, or merge field by field.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import type { Layer } from '../api/model';
import { compareVersions, type Resolution, type Side } from '../editing/conflict';
import { geometryEquals } from '../editing/diff';
import type { DraftFeature } from '../editing/graph';
import { useEditText } from '../editing/messages';
import { clearPreview, showPreview } from '../editing/previewOverlay';
import type { OpenConflict } from '../editing/session';
import { useI18n } from '../i18n';
import { geometryBounds } from '../map/geometry';
import { zoomToBounds } from '../map/view';
import { formatValue } from './format';
import { formatDateTime } from './HistoryPanel';
import type { EditText } from '../editing/messages';
import type { StoredVersion } from '../editing/conflict';

/** Who saved the stored version, and when, for the dialog's title and introduction. */
export function savedBy(stored: StoredVersion, te: EditText, lang: string): { title: string; who: string } {
  if (!stored.updatedBy) return { title: te('conflictTitle'), who: te('conflictSomeone') };
  const who = stored.updatedAt ? te('conflictWhoWhen', { who: stored.updatedBy, when: formatDateTime(stored.updatedAt, lang) }) : stored.updatedBy;
  return { title: te('conflictTitleBy', { who: stored.updatedBy }), who };
}

interface Props {
  conflict: OpenConflict;
  original: DraftFeature;
  mine: DraftFeature;
  layer: Layer | undefined;
  map: MapLibreMap | null;
  onResolve(resolution: Resolution, comparison: ReturnType<typeof compareVersions>): void;
}

export function ConflictDialog({ conflict, original, mine, layer, map, onResolve }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  const fields = useMemo(() => layer?.fields ?? [], [layer]);
  const comparison = useMemo(() => compareVersions(original, mine, conflict.stored, fields), [original, mine, conflict.stored, fields]);
  const [choices, setChoices] = useState<Record<string, Side>>(() => Object.fromEntries(comparison.rows.map((r) => [r.field, r.suggested])));
  const [geometryChoice, setGeometryChoice] = useState<Side>(comparison.geometry.suggested);
  const author = savedBy(conflict.stored, te, i18n.lang);
  const geometryDiffers = !geometryEquals(mine.geometry, conflict.stored.geometry);

  // Both geometries on the map, framed together.
  useEffect(() => {
    if (!map) return;
    showPreview(map, [
      { geometry: conflict.stored.geometry, role: 'theirs' },
      { geometry: mine.geometry, role: 'mine' },
    ]);
    const a = geometryBounds(mine.geometry);
    const b = geometryBounds(conflict.stored.geometry);
    if (a && b) zoomToBounds(map, [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
    return () => clearPreview(map);
  }, [map, mine.geometry, conflict.stored.geometry]);

  const label = (key: string) => {
    const field = fields.find((f) => f.key === key);
    return field ? i18n.fieldLabel(field) : key;
  };
  const show = (key: string, value: unknown) => {
    const field = fields.find((f) => f.key === key);
    return field ? formatValue(field, value, i18n) : value == null ? '—' : String(value);
  };

  return (
    <div className="dialog-backdrop">
      <div className="conflict-dialog" role="dialog" aria-modal="false" aria-labelledby="conflict-title">
        <h2 id="conflict-title">{author.title}</h2>
        <p>{te('conflictIntro', { who: author.who, version: conflict.stored.version })}</p>
        {conflict.stored.deleted && <p className="notice">{te('conflictDeleted')}</p>}
        {comparison.rows.length === 0 ? (
          <p className="muted">{te('conflictNoAttributeDifferences')}</p>
        ) : (
          <table className="conflict-table">
            <thead>
              <tr>
                <th scope="col">{te('conflictField')}</th>
                <th scope="col">{te('conflictOriginal')}</th>
                <th scope="col">{te('conflictMine')}</th>
                <th scope="col">{te('conflictTheirs')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.field} className={row.clash ? 'clash' : undefined} data-field={row.field}>
                  <th scope="row">
                    {label(row.field)}
                    {row.clash && <span className="clash-badge"> {te('conflictClash')}</span>}
                  </th>
                  <td className="muted">{show(row.field, row.original)}</td>
                  {(['mine', 'theirs'] as const).map((side) => (
                    <td key={side} className={choices[row.field] === side ? 'chosen' : undefined}>
                      <label>
                        <input
                          type="radio"
                          name={`choice-${row.field}`}
                          checked={choices[row.field] === side}
                          onChange={() => setChoices((c) => ({ ...c, [row.field]: side }))}
                          aria-label={`${label(row.field)}: ${te(side === 'mine' ? 'useMine' : 'useTheirs')}`}
                        />{' '}
                        {show(row.field, side === 'mine' ? row.mine : row.theirs)}
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="conflict-geometry">
          <strong>{te('geometry')}</strong>{' '}
          {geometryDiffers ? (
            <>
              <span className="legend mine">{te('conflictMapLegendMine')}</span> <span className="legend theirs">{te('conflictMapLegendTheirs')}</span>
              <span className="geometry-choice">
                {(['mine', 'theirs'] as const).map((side) => (
                  <label key={side}>
                    <input type="radio" name="choice-geometry" checked={geometryChoice === side} onChange={() => setGeometryChoice(side)} />{' '}
                    {te(side === 'mine' ? 'conflictMine' : 'conflictTheirs')}
                  </label>
                ))}
              </span>
            </>
          ) : (
            <span className="muted">{te('conflictGeometrySame')}</span>
          )}
        </div>
        <div className="button-row dialog-buttons">
          <button type="button" className="primary" onClick={() => onResolve({ kind: 'merge', fields: choices, geometry: geometryChoice }, comparison)}>
            {te('mergeSave')}
          </button>
          <button type="button" onClick={() => onResolve({ kind: 'mine' }, comparison)}>
            {te('keepMine')}
          </button>
          <button type="button" onClick={() => onResolve({ kind: 'theirs' }, comparison)}>
            {te('takeTheirs')}
          </button>
        </div>
      </div>
    </div>
  );
}
