// Administrators: a new raster layer (scanned sheets, or an orthophoto offered as a base map).
// A raster layer has no fields, geometry types or style: only names, the keeping department and the basemap flag.
import { useEffect, useId, useState } from 'react';
import type { Department } from '../api/model';
import { createLayer, fetchDepartments } from '../editing/api';
import { useI18n } from '../i18n';
import { isLayerKey } from '#domain/ids';
import { rasterErrorMessage } from './rasterErrors';

interface Props {
  /** After the layer is created: the layers are read again. */
  onSaved(key: string): void;
}

export function RasterLayerCreate({ onSaved }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [departments, setDepartments] = useState<Department[]>([]);
  const [key, setKey] = useState('');
  const [nameJa, setNameJa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [departmentKey, setDepartmentKey] = useState('');
  const [basemap, setBasemap] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    fetchDepartments().then((list) => {
      setDepartments(list);
      setDepartmentKey((k) => k || list[0]?.key || '');
    }, () => undefined);
  }, []);

  async function create() {
    if (!isLayerKey(key)) {
      setMessage({ error: true, text: t('rasterLayerKey') });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const saved = await createLayer({ key, nameJa: nameJa.trim(), nameEn: nameEn.trim(), departmentKey, geometryTypes: [], fields: [], kind: 'RASTER', basemap });
      setMessage({ error: false, text: t('rasterLayerCreated', { name: saved.nameJa }) });
      setKey('');
      setNameJa('');
      setNameEn('');
      setBasemap(false);
      onSaved(saved.key);
    } catch (e) {
      setMessage({ error: true, text: rasterErrorMessage(e, t) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="raster-layer-create"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3 id={`${id}-title`}>{t('rasterLayerCreateTitle')}</h3>
      <label>
        {t('rasterLayerKey')}
        <input type="text" value={key} required pattern="[a-z][a-z0-9_]{1,62}" onChange={(e) => setKey(e.target.value)} />
      </label>
      <label>
        {t('rasterLayerNameJa')}
        <input type="text" value={nameJa} required onChange={(e) => setNameJa(e.target.value)} />
      </label>
      <label>
        {t('rasterLayerNameEn')}
        <input type="text" value={nameEn} required onChange={(e) => setNameEn(e.target.value)} />
      </label>
      <label>
        {t('rasterLayerDepartment')}
        <select value={departmentKey} onChange={(e) => setDepartmentKey(e.target.value)}>
          {departments.map((d) => (
            <option key={d.key} value={d.key}>
              {d.nameJa}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={basemap} onChange={(e) => setBasemap(e.target.checked)} /> {t('rasterLayerBasemap')}
      </label>
      <button type="submit" disabled={saving || !nameJa.trim() || !nameEn.trim() || !departmentKey}>
        {t('rasterLayerCreate')}
      </button>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
