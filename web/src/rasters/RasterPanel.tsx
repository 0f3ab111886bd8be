// Raster layers in the layer panel: visibility, opacity, order (上へ/下へ), and each layer's sheets
// (place, delete, show) with 「シートを追加」 for those who may edit the layer.
import { useState } from 'react';
import { deleteRasterSheet, type RasterSheet } from '../api/rasters';
import type { Layer, User } from '../api/model';
import { useI18n } from '../i18n';
import { OpacitySlider } from '../panels/LayerPanel';
import { isVisible, opacityOf, type LayerPrefs } from '../panels/layerPrefs';
import { rasterErrorMessage } from './rasterErrors';
import './rasters.css';

interface Props {
  user: User;
  /** Top first. */
  layers: Layer[];
  prefs: LayerPrefs;
  sheets: Record<string, RasterSheet[] | { error: string }>;
  onVisible: (key: string, visible: boolean) => void;
  onOpacity: (key: string, opacity: number) => void;
  onMove: (key: string, delta: -1 | 1) => void;
  onUpload: (layer: Layer) => void;
  onPlace: (sheet: RasterSheet) => void;
  onShowSheet: (sheet: RasterSheet) => void;
  onChanged: (layerKey: string) => void;
}

/** Permissions come with the layers (Layer.canEdit), not from the login-time user. */
export const canEditRasterLayer = (user: User, layer: Pick<Layer, 'canEdit'>) => user.role === 'ADMIN' || layer.canEdit;

export function RasterPanel({ user, layers, prefs, sheets, onVisible, onOpacity, onMove, onUpload, onPlace, onShowSheet, onChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [problem, setProblem] = useState<string | null>(null);

  async function remove(sheet: RasterSheet) {
    if (!window.confirm(t('rasterDeleteConfirm', { name: sheet.name }))) return;
    setProblem(null);
    try {
      await deleteRasterSheet(sheet.id, sheet.version);
      onChanged(sheet.layerKey);
    } catch (e) {
      setProblem(rasterErrorMessage(e, t));
    }
  }

  return (
    <div className="layer-panel raster-panel" role="group" aria-label={t('rasterLayerPanelLabel')}>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ul>
        {layers.map((layer, index) => {
          const name = i18n.layerName(layer);
          const visible = isVisible(prefs, layer.key);
          const opacity = opacityOf(prefs, layer.key);
          const list = sheets[layer.key];
          const editable = canEditRasterLayer(user, layer);
          return (
            <li key={layer.key} className="layer-item raster-item" data-raster-layer={layer.key}>
              <div className="layer-line">
                <label className="layer-toggle">
                  <input type="checkbox" checked={visible} onChange={(e) => onVisible(layer.key, e.target.checked)} aria-label={t('visibility', { name })} />
                  <span className="swatch swatch-raster" aria-hidden="true" />
                  <span className="layer-name">{name}</span>
                </label>
                {Array.isArray(list) && <span className="layer-count">{t('rasterSheetCount', { count: list.length })}</span>}
              </div>
              <div className="layer-line layer-controls">
                <OpacitySlider name={name} opacity={opacity} disabled={!visible} onChange={(value) => onOpacity(layer.key, value)} />
                <button type="button" className="small" onClick={() => onMove(layer.key, -1)} disabled={index === 0} aria-label={t('rasterMoveUpFor', { name })}>
                  {t('rasterMoveUp')}
                </button>
                <button type="button" className="small" onClick={() => onMove(layer.key, 1)} disabled={index === layers.length - 1} aria-label={t('rasterMoveDownFor', { name })}>
                  {t('rasterMoveDown')}
                </button>
                {editable && (
                  <button type="button" className="small" onClick={() => onUpload(layer)} aria-label={t('rasterAddSheetFor', { name })}>
                    {t('rasterAddSheet')}
                  </button>
                )}
              </div>
              {list && !Array.isArray(list) && (
                <div className="layer-status error" role="alert">
                  {t('error', { message: list.error })}
                </div>
              )}
              {Array.isArray(list) && (
                <details className="raster-sheets">
                  <summary aria-label={t('rasterSheetsFor', { name })}>{t('rasterSheets')}</summary>
                  {list.length === 0 && <p className="muted">{t('rasterNoSheets')}</p>}
                  <ul>
                    {list.map((sheet) => (
                      <li key={sheet.id} className={`raster-sheet status-${sheet.status.toLowerCase()}`} data-sheet-id={sheet.id}>
                        <span className="raster-sheet-name">{sheet.name}</span> <span className="muted">({t(`rasterStatus${sheet.status}`)})</span>
                        {sheet.problem && <span className="raster-sheet-problem"> {sheet.problem}</span>}
                        {sheet.warning && <span className="raster-sheet-problem"> {t('placeWarning', { message: sheet.warning })}</span>}
                        <span className="raster-sheet-actions">
                          {sheet.status === 'PLACED' && (
                            <button type="button" className="small" onClick={() => onShowSheet(sheet)}>
                              {t('rasterZoomToSheet')}
                            </button>
                          )}
                          {editable && (
                            <button type="button" className="small" onClick={() => onPlace(sheet)}>
                              {sheet.status === 'PLACED' ? t('rasterPlaceAgain') : t('rasterPlace')}
                            </button>
                          )}
                          {editable && (
                            <button type="button" className="small" onClick={() => void remove(sheet)}>
                              {t('rasterDelete')}
                            </button>
                          )}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
