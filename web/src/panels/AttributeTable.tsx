// One layer's features in a table: filters by field type, sort, paging, export (CSV and files) with the filter.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/client';
import { useLoad } from '../api/useLoad';
import { downloadExport } from '../api/exports';
import { fetchAreaOutline, fetchFeatures, fetchFeaturesExtent } from '../api/queries';
import { setAreaOutline, useAreaSelect, usePolygonSelect } from '../map/areaSelect';
import { areaArgs, outlineOf, parseDistance, type TableArea } from '../map/tableArea';
import type { FeatureLayerView } from '../map/featureLayers';
import { mapFilterOf } from '../map/tableFilter';
import { zoomToBounds, zoomToGeometry } from '../map/view';
import type { Feature, FeatureOrder, FieldDefinition, Layer } from '../api/model';
import { useI18n, type I18n } from '../i18n';
import { ExportDialog } from './ExportDialog';
import { toAttributeFilters, type FilterInput, type FilterInputs } from './filters';
import { formatValue } from './format';
import { DateInput } from './DateInput';
import { useEscape } from './useEscape';

const PAGE_SIZE = 50;
const FILTER_DELAY_MS = 300;

interface Props {
  layer: Layer;
  selectedId: string | null;
  onRowSelect: (feature: Feature) => void;
  onClose: () => void;
  /** The map and the table's layer on it: the filter is drawn there, and an area is chosen there. */
  map?: MapLibreMap | null;
  view?: FeatureLayerView;
  /** A polygon is being drawn: the map's clicks are its corners (identify must not take them). */
  onDrawingChange?: (drawing: boolean) => void;
}

function headerLabel(field: FieldDefinition, i18n: I18n): string {
  const label = i18n.fieldLabel(field);
  return field.unit ? `${label}(${field.unit})` : label;
}

export function AttributeTable({ layer, selectedId, onRowSelect, onClose, map = null, view, onDrawingChange }: Props) {
  // Escape first stops drawing an area, then closes the table.
  const [selecting, setSelecting] = useState<'box' | 'polygon' | null>(null);
  useEscape(() => (selecting ? setSelecting(null) : onClose()));
  const i18n = useI18n();
  const { t } = i18n;
  const [inputs, setInputs] = useState<FilterInputs>({});
  const [applied, setApplied] = useState<FilterInputs>({});
  const [order, setOrder] = useState<FeatureOrder | null>(null);
  // cursors[i] is the `after` cursor of page i (null for the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  /** Area selection: only features in a box (dragged or the current view), a drawn polygon, or near a feature. */
  const [area, setArea] = useState<TableArea | null>(null);
  const [distanceText, setDistanceText] = useState('50');
  const distance = parseDistance(distanceText);

  // A new layer starts afresh.
  const [tableFor, setTableFor] = useState(layer.key);
  if (tableFor !== layer.key) {
    setTableFor(layer.key);
    setInputs({});
    setApplied({});
    setOrder(null);
    setCursors([null]);
    setArea(null);
  }

  function chooseArea(next: TableArea | null) {
    setSelecting(null);
    setArea(next);
    setCursors([null]);
  }
  useAreaSelect(map, selecting === 'box', (bbox) => chooseArea({ kind: 'box', bbox }));
  usePolygonSelect(map, selecting === 'polygon', (ring) => chooseArea({ kind: 'polygon', ring }));
  const drawingPolygon = selecting === 'polygon';
  useEffect(() => {
    onDrawingChange?.(drawingPolygon);
    return () => onDrawingChange?.(false);
  }, [drawingPolygon, onDrawingChange]);
  const { bbox, area: areaInput } = useMemo(() => areaArgs(area), [area]);
  // A buffer's outline comes from the server, which buffers as it selects.
  const bufferOutline = useLoad(area?.kind === 'buffer' ? JSON.stringify(areaInput) : null, (signal) => fetchAreaOutline(areaInput!, signal)).data;
  // Also when drawing stops: a cancelled polygon's outline gives way to the chosen area's.
  useEffect(() => {
    if (!map) return;
    setAreaOutline(map, outlineOf(area?.kind === 'buffer' ? { ...area, outline: bufferOutline } : area));
    return () => setAreaOutline(map, null);
  }, [map, area, bufferOutline, selecting]);
  // A buffer is chosen in the table, often far from the view (or zoomed in on its feature): show all of it.
  useEffect(() => {
    if (map && bufferOutline) zoomToGeometry(map, bufferOutline);
  }, [map, bufferOutline]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      setApplied((previous) => {
        if (JSON.stringify(previous) === JSON.stringify(inputs)) return previous;
        setCursors([null]);
        return inputs;
      });
    }, FILTER_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [inputs]);

  const where = useMemo(() => toAttributeFilters(layer.fields, applied), [layer.fields, applied]);
  const after = cursors[cursors.length - 1];

  // The map draws only what the table lists (the filter; the area is outlined).
  useEffect(() => {
    if (!map || !view) return;
    view.setTableFilter(map, mapFilterOf(where));
    return () => view.setTableFilter(map, null);
  }, [map, view, where]);

  async function zoomToRows() {
    try {
      const extent = await fetchFeaturesExtent({ layer: layer.key, where, bbox, area: areaInput });
      if (map && extent) zoomToBounds(map, extent);
    } catch (e) {
      setExportError(errorMessage(e));
    }
  }

  // The page on screen stays while the next one loads.
  const request = { layer: layer.key, where, bbox, area: areaInput, orderBy: order ?? undefined, first: PAGE_SIZE, after };
  const loaded = useLoad(JSON.stringify(request), (signal) => fetchFeatures(request, signal));
  const { loading } = loaded;
  const error = loaded.error ?? exportError;
  const page = loaded.data ?? loaded.latest ?? null;

  function setFilter(key: string, change: FilterInput) {
    setInputs((current) => ({ ...current, [key]: { ...current[key], ...change } }));
  }

  function toggleSort(field: string) {
    setOrder((current) =>
      current?.field !== field ? { field, descending: false } : current.descending ? null : { field, descending: true },
    );
    setCursors([null]);
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      // The server writes the CSV (Excel-safe, one writer for every CSV) with the table's filter.
      await downloadExport(layer.key, { format: 'csv', where, bbox, area: areaInput, orderBy: order ?? undefined, dates: i18n.dateStyle === 'iso' ? 'iso' : 'wareki' });
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  const pageIndex = cursors.length - 1;
  const rows = page?.edges ?? [];
  const total = page?.totalCount ?? 0;
  const from = rows.length ? pageIndex * PAGE_SIZE + 1 : 0;
  const name = i18n.layerName(layer);

  return (
    <section className="attribute-table" aria-labelledby="table-title">
      {exportOpen && <ExportDialog layer={layer} where={where} orderBy={order ?? undefined} bbox={bbox} bboxChosen={!!area} area={areaInput} onClose={() => setExportOpen(false)} />}
      <div className="panel-heading">
        <h2 id="table-title">{t('tableFor', { name })}</h2>
        <div className="table-actions">
          <span className="table-count" role="status" aria-live="polite">
            {loading ? t('loading') : rows.length ? t('rows', { from: i18n.formatNumber(from, 0), to: i18n.formatNumber(from + rows.length - 1, 0), total: i18n.formatNumber(total, 0) }) : t('noRows')}
          </span>
          <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={pageIndex === 0 || loading}>
            {t('previousPage')}
          </button>
          <button
            type="button"
            onClick={() => page?.pageInfo.endCursor && setCursors((c) => [...c, page.pageInfo.endCursor])}
            disabled={!page?.pageInfo.hasNextPage || loading}
          >
            {t('nextPage')}
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={exporting || total === 0}>
            {exporting ? t('exporting') : t('exportCsv')}
          </button>
          <button type="button" onClick={() => setExportOpen(true)} disabled={total === 0} aria-label={t('exportLayerFor', { name })}>
            {t('exportLayer')}
          </button>
          {map && (
            <>
              <button type="button" onClick={() => void zoomToRows()} disabled={total === 0}>
                {t('tableZoomToRows')}
              </button>
              <button type="button" aria-pressed={selecting === 'box'} onClick={() => setSelecting((on) => (on === 'box' ? null : 'box'))}>
                {t('tableSelectArea')}
              </button>
              <button type="button" aria-pressed={selecting === 'polygon'} onClick={() => setSelecting((on) => (on === 'polygon' ? null : 'polygon'))}>
                {t('tableSelectPolygon')}
              </button>
              <button type="button" onClick={() => chooseArea({ kind: 'box', bbox: map.getBounds().toArray().flat() })}>
                {t('tableSelectView')}
              </button>
              <span className="table-buffer" role="group" aria-label={t('tableBufferGroup')}>
                <label>
                  {t('tableBufferDistance')}
                  <input inputMode="decimal" value={distanceText} onChange={(e) => setDistanceText(e.target.value)} aria-invalid={distance === null} size={5} />
                </label>
                <button type="button" disabled={!selectedId || distance === null} title={selectedId ? undefined : t('tableBufferNeedsFeature')}
                  onClick={() => selectedId && distance !== null && chooseArea({ kind: 'buffer', featureId: selectedId, distance })}>
                  {t('tableSelectBuffer')}
                </button>
                {distance === null && <span className="error" role="alert">{t('tableBufferBadDistance')}</span>}
              </span>
            </>
          )}
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </div>
      </div>
      <fieldset className="table-filters">
        <legend>{t('filters')}</legend>
        {layer.fields.map((field) => (
          <FieldFilter key={field.key} field={field} input={inputs[field.key] ?? {}} onChange={(c) => setFilter(field.key, c)} />
        ))}
        <button type="button" className="small" onClick={() => setInputs({})}>
          {t('clearFilters')}
        </button>
      </fieldset>
      {(selecting || area) && (
        <p className="table-area" role="status">
          {selecting === 'box' ? t('tableSelectAreaHint')
            : selecting === 'polygon' ? t('tableSelectPolygonHint')
              : area?.kind === 'buffer' ? t('tableBufferChosen', { id: area.featureId, distance: i18n.formatNumber(area.distance, 0) })
                : t('tableAreaChosen')}{' '}
          {area && !selecting && (
            <button type="button" className="small" onClick={() => chooseArea(null)}>
              {t('tableClearArea')}
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {t('error', { message: error })}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <SortHeader label={t('featureId')} field="id" order={order} onSort={toggleSort} />
              {layer.fields.map((field) => (
                <SortHeader key={field.key} label={headerLabel(field, i18n)} field={field.key} order={order} onSort={toggleSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node }) => (
              <tr
                key={node.id}
                className={node.id === selectedId ? 'selected' : undefined}
                aria-selected={node.id === selectedId}
                onClick={() => onRowSelect(node)}
              >
                <th scope="row">
                  <button type="button" className="link" onClick={(e) => (e.stopPropagation(), onRowSelect(node))} aria-label={t('rowZoom', { id: node.id })}>
                    {node.id}
                  </button>
                </th>
                {layer.fields.map((field) => (
                  <td key={field.key} className={field.type === 'INTEGER' || field.type === 'NUMBER' ? 'num' : undefined}>
                    {formatValue({ ...field, unit: null }, node.attributes?.[field.key], i18n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SortHeader({ label, field, order, onSort }: { label: string; field: string; order: FeatureOrder | null; onSort: (field: string) => void }) {
  const { t } = useI18n();
  const active = order?.field === field;
  const sort = active ? (order.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={sort}>
      <button
        type="button"
        className="sort"
        onClick={() => onSort(field)}
        aria-label={active && !order.descending ? t('sortDescending', { label }) : t('sortAscending', { label })}
      >
        {label}
        <span aria-hidden="true">{sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}

function FieldFilter({ field, input, onChange }: { field: FieldDefinition; input: FilterInput; onChange: (change: FilterInput) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const label = i18n.fieldLabel(field);
  switch (field.type) {
    case 'TEXT':
      return (
        <label className="filter">
          <span>{label}</span>
          <input type="search" value={input.text ?? ''} onChange={(e) => onChange({ text: e.target.value })} aria-label={t('filterContains', { label })} data-field={field.key} />
        </label>
      );
    case 'ENUM':
    case 'BOOLEAN': {
      const options = field.type === 'BOOLEAN' ? [['true', t('yes')], ['false', t('no')]] : (field.options ?? []).map((o) => [o, o]);
      return (
        <label className="filter">
          <span>{label}</span>
          <select value={input.text ?? ''} onChange={(e) => onChange({ text: e.target.value })} data-field={field.key}>
            <option value="">{t('filterAny')}</option>
            {options.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
      );
    }
    case 'DATE':
      // Typed in the user's date style (和暦 or ISO); filters.ts reads either.
      return (
        <div className="filter filter-range" role="group" aria-label={label}>
          <span>{label}</span>
          <DateInput value={input.min ?? ''} onChange={(min) => onChange({ min })} aria-label={t('filterFrom', { label })} data-field={field.key} data-bound="min" />
          <span aria-hidden="true">〜</span>
          <DateInput value={input.max ?? ''} onChange={(max) => onChange({ max })} aria-label={t('filterTo', { label })} data-field={field.key} data-bound="max" />
        </div>
      );
    case 'INTEGER':
    case 'NUMBER': {
      return (
        <div className="filter filter-range" role="group" aria-label={label}>
          <span>{field.unit ? `${label}(${field.unit})` : label}</span>
          <input
            type="number"
            value={input.min ?? ''}
            onChange={(e) => onChange({ min: e.target.value })}
            aria-label={t('filterMin', { label })}
            data-field={field.key}
            data-bound="min"
            step={field.type === 'INTEGER' ? 1 : 'any'}
          />
          <span aria-hidden="true">〜</span>
          <input
            type="number"
            value={input.max ?? ''}
            onChange={(e) => onChange({ max: e.target.value })}
            aria-label={t('filterMax', { label })}
            data-field={field.key}
            data-bound="max"
            step={field.type === 'INTEGER' ? 1 : 'any'}
          />
        </div>
      );
    }
  }
}
