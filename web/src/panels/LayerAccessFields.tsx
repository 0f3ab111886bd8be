// The layer form's "who may read" control and the public map switch (administrators).
import type { Department } from '../api/model';
import type { LayerDraft } from '../editing/layerForm';
import { useI18n } from '../i18n';

interface Props {
  draft: LayerDraft;
  departments: Department[];
  set(patch: Partial<LayerDraft>): void;
  problem?: string;
}

export function LayerAccessFields({ draft, departments, set, problem }: Props) {
  const { t, departmentName } = useI18n();
  const access = draft.readAccess;
  // Personal data fields are never published, so they are not offered.
  const publicFields = draft.fields.filter((f) => f.key.trim() && f.restricted === null);
  const publicKeys = publicFields.map((f) => f.key.trim());
  const toggle = (key: string, on: boolean) => {
    const departments = on ? [...(access?.departments ?? []), key] : (access?.departments ?? []).filter((d) => d !== key);
    set({ readAccess: { departments, users: access?.users ?? [] } });
  };
  return (
    <>
      <fieldset className="layer-read-access">
        <legend>{t('layerReadAccess')}</legend>
        <label className="inline">
          <input type="radio" name="read-access" checked={!access} onChange={() => set({ readAccess: null })} /> {t('layerReadAll')}
        </label>
        <label className="inline">
          <input type="radio" name="read-access" checked={!!access}
            onChange={() => set({ readAccess: { departments: draft.departmentKey ? [draft.departmentKey] : [], users: [] } })} /> {t('layerReadListed')}
        </label>
        {access && (
          <div className="read-access-departments">
            {departments.map((d) => (
              <label key={d.key} className="inline">
                <input type="checkbox" checked={access.departments.includes(d.key)} onChange={(e) => toggle(d.key, e.target.checked)} />
                {departmentName(d)}
              </label>
            ))}
            {access.users.length > 0 && <p className="muted">{t('layerReadUsers', { count: access.users.length })}</p>}
          </div>
        )}
        {problem && <span className="error form-hint">{problem}</span>}
      </fieldset>
      <fieldset className="layer-published">
        <label className="inline">
          <input type="checkbox" name="published" checked={draft.published} onChange={(e) => set({ published: e.target.checked })} /> {t('layerPublished')}
        </label>
        <p className="muted">{t('layerPublishedNote')}</p>
        {draft.published && (
          <div className="published-fields">
            <label className="inline">
              <input type="checkbox" name="publish-all-fields" checked={draft.publishedFields === null}
                onChange={(e) => set({ publishedFields: e.target.checked ? null : publicKeys })} /> {t('layerPublishedAllFields')}
            </label>
            {draft.publishedFields !== null && (
              <fieldset>
                <legend>{t('layerPublishedFields')}</legend>
                {publicFields.map((f) => (
                  <label key={f.key} className="inline">
                    <input type="checkbox" data-published-field={f.key} checked={draft.publishedFields!.includes(f.key.trim())}
                      onChange={(e) => set({ publishedFields: e.target.checked
                        ? [...draft.publishedFields!, f.key.trim()] : draft.publishedFields!.filter((k) => k !== f.key.trim()) })} />
                    {f.label || f.key}
                  </label>
                ))}
              </fieldset>
            )}
          </div>
        )}
      </fieldset>
    </>
  );
}
