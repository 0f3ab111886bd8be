// New 境界確定 record from the 座標一覧 of the survey document, typed or pasted one point per
// line ("name,X,Y[,marker]"), or new points for an existing record. The server reads the table
// as the user types (bad lines are listed) and the points are drawn on the map before anything
// is saved; saving writes the points and the geometry that follows them in one step.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { createBoundaryRecord, parseCoordinateTable, setBoundaryPoints, type LineProblem, type ParsedCoordinates } from '../api/ledger';
import type { Attributes, Feature, Layer } from '../api/model';
import { useClientSettings } from '../api/useClientSettings';
import { planeZoneName } from '#domain/planeZones';
import type { DraftFeature } from '../editing/graph';
import { serverProblems, validateAttributes, type FieldProblem } from '../editing/validate';
import { useI18n } from '../i18n';
import { planeToLonLat } from '../map/geodesy';
import { addLedgerOverlays, setCoordinatePreview } from '../map/ledgerOverlays';
import { zoomToBounds } from '../map/view';
import { AttributeForm } from './AttributeForm';
import { CoordinateProblems, refusedLines } from './CoordinateProblems';


interface Props {
  layer: Layer;
  map: MapLibreMap | null;
  /** An existing record whose points are replaced (its attributes stay); absent: a new record. */
  record?: Feature;
  /** The table to start from (a record's current points). */
  initialText?: string;
  initialClosed?: boolean;
  onSaved: (feature: Feature) => void;
}

const PREVIEW_DELAY_MS = 300;
const EXAMPLE = 'K1,-40123.456,32754.321,コンクリート杭\nK2,-40118.210,32770.004,金属標\nK3,-40140.875,32776.550,鋲';

export function BoundaryRecordForm({ layer, map, record, initialText = '', initialClosed = true, onSaved }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [attributes, setAttributes] = useState<Attributes>({});
  // Field problems are shown once the user has tried to save (and for the server's answer).
  const [triedSave, setTriedSave] = useState(false);
  const [fromServer, setFromServer] = useState<FieldProblem[]>([]);
  const [text, setText] = useState(initialText);
  const [closed, setClosed] = useState(initialClosed);
  const [parsed, setParsed] = useState<ParsedCoordinates | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Bad lines of a save the server refused (the preview may not have caught up with the text yet).
  const [refused, setRefused] = useState<LineProblem[]>([]);
  // The server reads the table in the installation's zone (PLANE_SRID).
  const planeSrid = useClientSettings()?.planeSrid ?? null;
  const fieldProblems = useMemo(() => validateAttributes(layer.fields, attributes), [layer.fields, attributes]);
  const draft: DraftFeature = useMemo(
    () => ({ key: 'new-boundary-record', id: null, layerKey: layer.key, geometry: { type: 'Point', coordinates: [0, 0] }, attributes, version: null, deleted: false }),
    [layer.key, attributes],
  );

  // Live reading of the table by the server (the same parser that will store it).
  useEffect(() => {
    if (!text.trim()) return; // the text area cleared the reading
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      parseCoordinateTable(text, controller.signal).then(
        (result) => {
          setParsed(result);
          setParseError(null);
        },
        (e: unknown) => {
          if ((e as Error).name !== 'AbortError') setParseError((e as Error).message);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  // Drawn before saving, converted in the same zone as the server reads them.
  const positions = planeSrid ? (parsed?.points ?? []).map((p) => ({ name: p.name, position: planeToLonLat(Number(p.x), Number(p.y), planeSrid) })) : [];

  useEffect(() => {
    if (!map) return;
    addLedgerOverlays(map);
    setCoordinatePreview(map, positions, closed);
    // positions is derived from parsed; redraw when the reading or the shape changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, parsed, closed, planeSrid]);
  useEffect(() => () => void (map?.style && setCoordinatePreview(map, [], false)), [map]);

  function showOnMap() {
    if (!map || positions.length === 0) return;
    const lons = positions.map((p) => p.position[0]);
    const lats = positions.map((p) => p.position[1]);
    zoomToBounds(map, [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], 19);
  }

  const needed = closed ? 3 : 2;
  const count = parsed?.points.length ?? 0;
  const problems = refused.length ? refused : (parsed?.problems ?? []);
  const canSave = !saving && problems.length === 0 && count >= needed;

  async function submit() {
    setTriedSave(true);
    if (!canSave || (!record && fieldProblems.length > 0)) return;
    setSaving(true);
    setSaveError(null);
    setFromServer([]);
    setRefused([]);
    try {
      // Empty inputs are left out rather than sent as "".
      const values = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== '' && v !== null && v !== undefined));
      const feature = record ? await setBoundaryPoints(record.id, record.version ?? 0, text, closed) : await createBoundaryRecord(values, text, closed);
      if (map?.style) setCoordinatePreview(map, [], false);
      onSaved(feature);
    } catch (e) {
      const badLines = e instanceof ApiError && e.code === 'BAD_USER_INPUT' ? refusedLines(e.extensions) : [];
      // Bad lines are listed under the table, each in the user's language, instead of the server's English summary.
      if (badLines.length) setRefused(badLines);
      else setSaveError((e as Error).message);
      if (e instanceof ApiError && e.code === 'BAD_USER_INPUT') setFromServer(serverProblems(e.message, e.extensions).filter((p) => layer.fields.some((f) => f.key === p.field)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="boundary-record-form" aria-labelledby={`${id}-title`}>
      {record ? <h4 id={`${id}-title`}>{t('enterPoints')}</h4> : <h3 id={`${id}-title`}>{t('newBoundaryRecord')}</h3>}
      {!record && (
        <fieldset>
          <legend>{t('recordAttributes')}</legend>
          <AttributeForm
            layer={layer}
            feature={draft}
            problems={[...(triedSave ? fieldProblems : []), ...fromServer]}
            onChange={(field, value) => {
              setAttributes((a) => ({ ...a, [field.key]: value }));
              setFromServer((list) => list.filter((p) => p.field !== field.key));
            }}
          />
        </fieldset>
      )}
      <fieldset>
        <legend>{t('coordinateTable')}</legend>
        <p className="muted" id={`${id}-help`}>
          {t('coordinateTableHelp')}
        </p>
        <label className="form-field">
          <span>{t('coordinateTableInput')}</span>
          <textarea
            rows={8}
            value={text}
            placeholder={EXAMPLE}
            spellCheck={false}
            aria-describedby={`${id}-help ${id}-reading`}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value.trim()) setParsed(null);
              setRefused([]);
            }}
          />
        </label>
        <label className="form-check">
          <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
          {t('closedBoundary')}
        </label>
        <div id={`${id}-reading`} className="coordinate-reading" aria-live="polite">
          {parsed && (
            <p data-point-count={count}>
              {t('pointsRead', { count })}
              {positions.length > 0 && (
                <>
                  {' '}
                  <button type="button" className="small" onClick={showOnMap}>
                    {t('showPointsOnMap')}
                  </button>
                </>
              )}
            </p>
          )}
          {problems.length > 0 && <CoordinateProblems problems={problems} />}
          {parsed && problems.length === 0 && count < needed && <p className="muted">{t('needPoints', { count: needed })}</p>}
          {parseError && (
            <p className="error" role="alert">
              {t('error', { message: parseError })}
            </p>
          )}
        </div>
        {planeSrid && <p className="muted">{t('planeZoneOf', { srid: planeSrid, zone: planeZoneName(planeSrid) })}</p>}
      </fieldset>
      {saveError && (
        <p className="error" role="alert">
          {t('error', { message: saveError })}
        </p>
      )}
      <div className="ledger-actions">
        <button type="button" className="primary" disabled={!canSave} onClick={() => void submit()}>
          {saving ? t('recordSaving') : record ? t('savePoints') : t('createRecord')}
        </button>
      </div>
    </section>
  );
}
