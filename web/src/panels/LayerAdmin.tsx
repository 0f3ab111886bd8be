// Administrators: create a layer, or change a layer's names, fields and style. Colour, point size,
// line width and fill opacity show on the map at once (live preview) and in a swatch.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { LAYER_ROLE_NAMES, LAYER_ROLE_ORDER } from '#domain/layerRoles';
import type { Department, Layer, LayerRole } from '../api/model';
import { createLayer, fetchDepartments, updateLayer } from '../editing/api';
import {
  checkLayerDraft, draftFromLayer, emptyField, FIELD_TYPES, GEOMETRY_TYPES, layerInput, newLayerDraft, styleObject,
  type FieldDraft, type LayerDraft,
} from '../editing/layerForm';
import { useEditText, type EditMessageKey } from '../editing/messages';
import { useI18n } from '../i18n';
import { LayerSelect } from './LayerSelect';
import { RasterLayerCreate } from '../rasters/RasterLayerCreate';
import { LayerAccessFields } from './LayerAccessFields';

interface Props {
  layers: Layer[];
  map: MapLibreMap | null;
  /** After a save: the layers are read again (and redrawn). */
  onSaved(key: string): void;
}

/** Applies a style draft to the layer's drawn style layers (ids layer-{key}-{kind}). */
function previewOnMap(map: MapLibreMap, key: string, style: Record<string, unknown>): void {
  for (const kind of ['circle', 'line', 'fill'] as const) {
    const id = `layer-${key}-${kind}`;
    const paint = style[kind] as Record<string, unknown> | undefined;
    if (!paint || !map.getLayer(id)) continue;
    for (const [property, value] of Object.entries(paint)) map.setPaintProperty(id, property, value);
  }
}

function StyleSwatch({ draft }: { draft: LayerDraft }) {
  const { color, pointRadius, lineWidth, fillOpacity } = draft.style;
  const types = draft.geometryTypes;
  return (
    <svg width="150" height="44" viewBox="0 0 150 44" role="img" aria-label="preview" data-testid="style-preview">
      {types.some((t) => t.endsWith('Polygon')) && <rect x="98" y="6" width="44" height="32" fill={color} fillOpacity={fillOpacity} stroke={color} strokeWidth={lineWidth} />}
      {types.some((t) => t.endsWith('LineString')) && <polyline points="50,36 66,10 90,30" fill="none" stroke={color} strokeWidth={lineWidth} strokeLinecap="round" />}
      {types.some((t) => t.endsWith('Point')) && <circle cx="22" cy="22" r={pointRadius} fill={color} stroke="#fff" strokeWidth="1.5" />}
    </svg>
  );
}

export function LayerAdmin({ layers, map, onSaved }: Props) {
  const i18n = useI18n();
  const te = useEditText();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [selectedKey, setSelectedKey] = useState<string>('');
  const [draft, setDraft] = useState<LayerDraft>(() => newLayerDraft(''));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  const existing = layers.find((l) => l.key === selectedKey);

  useEffect(() => {
    fetchDepartments().then(setDepartments, () => setDepartments([]));
  }, []);

  // Another layer chosen: a fresh form. (The saved layer coming back from the server keeps the message.)
  const choose = (key: string) => {
    if (key === selectedKey) return;
    setSelectedKey(key);
    setMessage(null);
    setTouched(false);
  };
  // The form shows the layer as the server has it: again when the layers are read again after a save.
  const [draftFor, setDraftFor] = useState<{ existing: Layer | undefined; departments: Department[] } | null>(null);
  if (draftFor?.existing !== existing || draftFor?.departments !== departments) {
    setDraftFor({ existing, departments });
    if (draftFor && draftFor.existing === existing && !existing) {
      // Only the departments arrived (the page opens before they load): keep what was typed into the new layer.
      setDraft((d) => ({ ...d, departmentKey: d.departmentKey || departments[0]?.key || '' }));
    } else {
      setDraft(existing ? draftFromLayer(existing) : newLayerDraft(departments[0]?.key ?? ''));
    }
  }

  // Live preview of the style on the map; leaving the layer puts its stored style back.
  const style = useMemo(() => styleObject(draft), [draft]);
  useEffect(() => {
    if (map && existing) previewOnMap(map, existing.key, style);
  }, [map, existing, style]);
  useEffect(() => {
    if (!map || !existing) return;
    return () => {
      if (map.style) previewOnMap(map, existing.key, styleObject(draftFromLayer(existing)));
    };
  }, [map, existing]);

  const problems = useMemo(() => checkLayerDraft(draft), [draft]);
  const problemAt = (path: string) => (touched ? problems.find((p) => p.path === path)?.message : undefined);
  const set = (patch: Partial<LayerDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setStyle = (patch: Partial<LayerDraft['style']>) => setDraft((d) => ({ ...d, style: { ...d.style, ...patch } }));
  const setField = (i: number, patch: Partial<FieldDraft>) => setDraft((d) => ({ ...d, fields: d.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));

  const save = async () => {
    setTouched(true);
    if (problems.length) {
      setMessage({ error: true, text: problems[0].message });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const input = layerInput(draft);
      const saved = existing
        ? await updateLayer(existing.key, { nameJa: input.nameJa, nameEn: input.nameEn, departmentKey: input.departmentKey, geometryTypes: input.geometryTypes, labelField: input.labelField, style: input.style, fields: input.fields,
          readAccess: input.readAccess, published: input.published, publishedFields: input.publishedFields,
          // The role only when it changes: giving one takes it from another layer.
          ...(input.role !== (existing.role ?? null) ? { role: input.role } : {}) })
        : await createLayer(input);
      setMessage({ error: false, text: te('layerSaved', { name: saved.nameJa }) });
      if (saved.key !== selectedKey) {
        setSelectedKey(saved.key);
        setTouched(false);
      }
      onSaved(saved.key);
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError || e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };

  // A plain function, not a component: a component made during render would remount on every render.
  const problem = (path: string) => {
    const text = problemAt(path);
    return text ? <span className="error form-hint">{text}</span> : null;
  };

  return (
    <div className="layer-admin">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <label>
          {te('adminLayer')}
          <LayerSelect layers={layers} value={selectedKey} noneLabel={te('newLayer')} onChange={choose} />
        </label>
        <label>
          {te('layerKey')}
          <input value={draft.key} disabled={!!existing} onChange={(e) => set({ key: e.target.value })} />
          {problem('layer.key')}
        </label>
        <label>
          {te('layerNameJa')}
          <input value={draft.nameJa} onChange={(e) => set({ nameJa: e.target.value })} />
          {problem('layer.nameJa')}
        </label>
        <label>
          {te('layerNameEn')}
          <input value={draft.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
        </label>
        <label>
          {te('department')}
          <select value={draft.departmentKey} onChange={(e) => set({ departmentKey: e.target.value })}>
            {departments.map((d) => (
              <option key={d.key} value={d.key}>
                {i18n.departmentName(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {te('layerRole')}
          <select value={draft.role ?? ''} onChange={(e) => set({ role: (e.target.value || null) as LayerRole | null })}>
            {/* A required role (道路台帳, 境界確定) is handed to another layer, never dropped. */}
            <option value="" disabled={!!existing?.role && LAYER_ROLE_NAMES[existing.role].required}>
              {te('layerRoleNone')}
            </option>
            {LAYER_ROLE_ORDER.map((role) => {
              const name = i18n.lang === 'ja' ? LAYER_ROLE_NAMES[role].ja : LAYER_ROLE_NAMES[role].en;
              const holder = layers.find((l) => l.role === role && l.key !== existing?.key);
              return (
                <option key={role} value={role}>
                  {holder ? te('layerRoleHeldBy', { role: name, layer: i18n.lang === 'ja' ? holder.nameJa : holder.nameEn }) : name}
                </option>
              );
            })}
          </select>
          <span className="muted form-hint">{te('layerRoleHint')}</span>
        </label>
        <fieldset>
          <legend>{te('geometryTypes')}</legend>
          {GEOMETRY_TYPES.map((type) => (
            <label key={type} className="inline">
              <input
                type="checkbox"
                checked={draft.geometryTypes.includes(type)}
                onChange={(e) => set({ geometryTypes: e.target.checked ? [...draft.geometryTypes, type] : draft.geometryTypes.filter((t) => t !== type) })}
              />
              {te(`geom${type}` as EditMessageKey)}
            </label>
          ))}
          {problem('layer.geometryTypes')}
        </fieldset>

        <fieldset>
          <legend>{te('style')}</legend>
          <p className="muted">{te('livePreviewNote')}</p>
          <label className="inline">
            {te('color')} <input type="color" value={draft.style.color} onChange={(e) => setStyle({ color: e.target.value })} />
          </label>
          <label>
            {te('symbolSize')} ({draft.style.pointRadius})
            <input type="range" min={2} max={14} step={0.5} value={draft.style.pointRadius} onChange={(e) => setStyle({ pointRadius: Number(e.target.value) })} />
          </label>
          <label>
            {te('lineWidth')} ({draft.style.lineWidth})
            <input type="range" min={0.5} max={10} step={0.5} value={draft.style.lineWidth} onChange={(e) => setStyle({ lineWidth: Number(e.target.value) })} />
          </label>
          <label>
            {te('fillOpacity')} ({draft.style.fillOpacity})
            <input type="range" min={0} max={1} step={0.05} value={draft.style.fillOpacity} onChange={(e) => setStyle({ fillOpacity: Number(e.target.value) })} />
          </label>
          <div className="style-preview">
            <span>{te('preview')}</span>
            <StyleSwatch draft={draft} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{te('fields')}</legend>
          {draft.fields.map((f, i) => (
            <div key={i} className="field-editor" data-field-index={i}>
              <label>
                {te('fieldKey')}
                <input value={f.key} disabled={f.existing} onChange={(e) => setField(i, { key: e.target.value })} />
                {problem(`fields.${i}.key`)}
              </label>
              <label>
                {te('fieldType')}
                <select value={f.type} disabled={!!f.computed} onChange={(e) => setField(i, { type: e.target.value as FieldDraft['type'] })}>
                  {FIELD_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {te(`type${t}` as EditMessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {te('fieldLabel')}
                <input value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
                {problem(`fields.${i}.label`)}
              </label>
              <label>
                {te('fieldLabelEn')}
                <input value={f.labelEn} onChange={(e) => setField(i, { labelEn: e.target.value })} />
              </label>
              {f.type === 'ENUM' && (
                <label className="wide">
                  {te('fieldOptions')}
                  <input value={f.options} onChange={(e) => setField(i, { options: e.target.value })} />
                  {problem(`fields.${i}.options`)}
                </label>
              )}
              {(f.type === 'INTEGER' || f.type === 'NUMBER') && (
                <>
                  <label>
                    {te('fieldMin')}
                    <input inputMode="decimal" value={f.min} onChange={(e) => setField(i, { min: e.target.value })} />
                    {problem(`fields.${i}.min`)}
                  </label>
                  <label>
                    {te('fieldMax')}
                    <input inputMode="decimal" value={f.max} onChange={(e) => setField(i, { max: e.target.value })} />
                    {problem(`fields.${i}.max`)}
                  </label>
                </>
              )}
              {f.type === 'TEXT' && (
                <>
                  <label>
                    {te('fieldMaxLength')}
                    <input inputMode="numeric" value={f.maxLength} onChange={(e) => setField(i, { maxLength: e.target.value })} />
                  </label>
                  <label>
                    {te('fieldFormat')}
                    <select value={f.format ?? ''} onChange={(e) => setField(i, { format: e.target.value || null })}>
                      <option value="">{te('fieldFormatNone')}</option>
                      <option value="collectionDays">{te('fieldFormatCollectionDays')}</option>
                    </select>
                  </label>
                </>
              )}
              <label>
                {te('fieldUnit')}
                <input value={f.unit} onChange={(e) => setField(i, { unit: e.target.value })} />
              </label>
              <label className="inline">
                <input type="checkbox" checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} /> {te('fieldRequired')}
              </label>
              <label className="inline">
                <input type="checkbox" checked={f.unique} onChange={(e) => setField(i, { unique: e.target.checked })} /> {te('fieldUnique')}
              </label>
              <label className="inline">
                <input type="checkbox" checked={f.restricted !== null}
                  onChange={(e) => setField(i, { restricted: e.target.checked ? '' : null, restrictedUsers: [] })} /> {te('fieldRestricted')}
              </label>
              {f.restricted !== null && (
                <label>
                  {te('fieldRestrictedDepartments')}
                  <input value={f.restricted} onChange={(e) => setField(i, { restricted: e.target.value })} />
                </label>
              )}
              {!f.existing && (
                <button type="button" className="small" onClick={() => setDraft((d) => ({ ...d, fields: d.fields.filter((_, j) => j !== i) }))}>
                  {te('removeField')}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="small" onClick={() => setDraft((d) => ({ ...d, fields: [...d.fields, emptyField()] }))}>
            {te('addField')}
          </button>
        </fieldset>
        <label>
          {te('labelField')}
          <select value={draft.labelField} onChange={(e) => set({ labelField: e.target.value })}>
            <option value="">{te('noLabel')}</option>
            {draft.fields
              .filter((f) => f.key.trim())
              .map((f) => (
                <option key={f.key} value={f.key.trim()}>
                  {f.label || f.key}
                </option>
              ))}
          </select>
          {problem('layer.labelField')}
        </label>
        <LayerAccessFields draft={draft} departments={departments} set={set} problem={problemAt('layer.readAccess')} />
        <button type="submit" className="primary" disabled={saving}>
          {existing ? te('saveLayer') : te('createLayer')}
        </button>
        {message && (
          <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </form>
      <RasterLayerCreate onSaved={onSaved} />
    </div>
  );
}
