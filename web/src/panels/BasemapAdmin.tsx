// Administrators list the base maps the city hosts on its network (issue 11): add, enable or
// disable, mark the default, remove. The server validates (and the CSP follows the list).
import { useState } from 'react';
import { ApiError } from '../api/client';
import { createBasemap, deleteBasemap, updateBasemap, type BasemapKind, type CityBasemap } from '../api/basemaps';
import { useI18n } from '../i18n';
import { serverErrorText } from '../i18n/errors';

const EMPTY = { nameJa: '', nameEn: '', kind: 'RASTER' as BasemapKind, url: '', attribution: '', sortOrder: 0, isDefault: false };

export function BasemapAdmin({ basemaps, onChanged }: { basemaps: CityBasemap[]; onChanged(): void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>, after?: () => void) {
    setBusy(true);
    setError(null);
    try {
      await action();
      after?.();
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? serverErrorText(lang, e.message, e.extensions) : String(e));
    } finally {
      setBusy(false);
    }
  }

  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <div className="basemap-admin">
      <p className="hint">{t('basemapAdminIntro')}</p>
      {basemaps.length === 0 ? <p className="hint">{t('basemapAdminNone')}</p> : (
        <ul className="basemap-admin-list">
          {basemaps.map((b) => (
            <li key={b.id} data-basemap-id={b.id}>
              <strong>{i18n.layerName(b)}</strong>{' '}
              {b.isDefault && <span className="badge">{t('basemapDefaultMark')}</span>}
              {!b.enabled && <span className="badge">{t('basemapDisabledMark')}</span>}
              <div className="hint basemap-url">{b.url}</div>
              <label className="inline">
                <input type="checkbox" checked={b.enabled} disabled={busy}
                  onChange={(e) => void run(() => updateBasemap(b.id, { enabled: e.target.checked }))} /> {t('basemapEnabled')}
              </label>{' '}
              <label className="inline">
                <input type="radio" name="basemapDefault" checked={b.isDefault} disabled={busy}
                  onChange={() => void run(() => updateBasemap(b.id, { isDefault: true }))} /> {t('basemapIsDefault')}
              </label>{' '}
              <button type="button" disabled={busy}
                onClick={() => { if (window.confirm(t('basemapDeleteConfirm', { name: i18n.layerName(b) }))) void run(() => deleteBasemap(b.id)); }}>
                {t('basemapDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="basemap-admin-form" onSubmit={(e) => {
        e.preventDefault();
        void run(() => createBasemap({ ...form, attribution: form.attribution || null }), () => setForm(EMPTY));
      }}>
        <label>{t('basemapNameJa')}<input name="basemapNameJa" value={form.nameJa} required onChange={(e) => set('nameJa', e.target.value)} /></label>
        <label>{t('basemapNameEn')}<input name="basemapNameEn" value={form.nameEn} required onChange={(e) => set('nameEn', e.target.value)} /></label>
        <label>{t('basemapKind')}
          <select name="basemapKind" value={form.kind} onChange={(e) => set('kind', e.target.value as BasemapKind)}>
            <option value="RASTER">{t('basemapKindRaster')}</option>
            <option value="STYLE">{t('basemapKindStyle')}</option>
          </select>
        </label>
        <label>{t('basemapUrl')}<input name="basemapUrl" value={form.url} required onChange={(e) => set('url', e.target.value)} /></label>
        <label>{t('basemapAttribution')}<input name="basemapAttribution" value={form.attribution} onChange={(e) => set('attribution', e.target.value)} /></label>
        <label>{t('basemapSortOrder')}<input name="basemapSortOrder" type="number" value={form.sortOrder} onChange={(e) => set('sortOrder', Number(e.target.value))} /></label>
        <label className="inline"><input name="basemapIsDefault" type="checkbox" checked={form.isDefault} onChange={(e) => set('isDefault', e.target.checked)} /> {t('basemapIsDefault')}</label>
        <button type="submit" disabled={busy}>{t('basemapAdd')}</button>
        {error && <p className="error" role="alert">{error}</p>}
      </form>
    </div>
  );
}
