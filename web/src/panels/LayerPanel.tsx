// Layers grouped by department: legend swatch, visibility, opacity, feature count.
import type { CSSProperties } from 'react';
import type { Layer } from '../api/model';
import { useI18n } from '../i18n';
import { kindsFor } from '../map/featureLayers';
import { isVisible, opacityOf, type LayerPrefs } from './layerPrefs';
import { useRoving } from './roving';

export type LoadState = { loaded: number; total: number } | 'done' | { error: string };

interface Props {
  layers: Layer[];
  prefs: LayerPrefs;
  loadStates: Record<string, LoadState | undefined>;
  onVisible: (key: string, visible: boolean) => void;
  onOpacity: (key: string, opacity: number) => void;
  onOpenTable: (key: string) => void;
  onZoom: (layer: Layer) => void;
  /** Opens the export dialog for a layer. */
  onExport?: (key: string) => void;
}

/** Groups layers by department, keeping the server's order. */
export function groupByDepartment(layers: Layer[]): { key: string; layers: Layer[] }[] {
  const groups = new Map<string, Layer[]>();
  for (const layer of layers) {
    const key = layer.department?.key ?? '';
    groups.set(key, [...(groups.get(key) ?? []), layer]);
  }
  return [...groups].map(([key, members]) => ({ key, layers: members }));
}

export function Swatch({ layer }: { layer: Layer }) {
  const kinds = kindsFor(layer.geometryTypes);
  const shape = kinds.includes('fill') ? 'polygon' : kinds.includes('circle') ? 'point' : 'line';
  const color = layer.style?.color ?? '#888888';
  return <span className={`swatch swatch-${shape}`} style={{ '--swatch': color } as CSSProperties} aria-hidden="true" />;
}

/** A layer's opacity, 0–100 % in steps of 5 (vector and raster layers alike). */
export function OpacitySlider({ name, opacity, disabled, onChange, tabIndex }: { name: string; opacity: number; disabled: boolean; onChange: (opacity: number) => void; tabIndex?: number }) {
  const { t } = useI18n();
  return (
    <input
      type="range"
      min={0}
      max={100}
      step={5}
      value={Math.round(opacity * 100)}
      onChange={(e) => onChange(Number(e.target.value) / 100)}
      aria-label={t('opacity', { name })}
      aria-valuetext={`${Math.round(opacity * 100)}%`}
      disabled={disabled}
      tabIndex={tabIndex}
    />
  );
}

export function LayerPanel({ layers, prefs, loadStates, onVisible, onOpacity, onOpenTable, onZoom, onExport }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  // The list is one tab stop (its rows by the arrow keys): Tab goes on to the tools below it.
  const roving = useRoving(layers.length);
  const groups = groupByDepartment(layers);
  const rowOf = new Map(groups.flatMap((g) => g.layers).map((layer, i) => [layer.key, i]));
  return (
    <div className="layer-panel" aria-label={t('layerPanelLabel')} aria-describedby="layer-panel-keys" role="group" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
      <p id="layer-panel-keys" className="visually-hidden">{t('layerPanelKeys')}</p>
      {groups.map((group) => (
        <section key={group.key} className="layer-group" aria-labelledby={`dept-${group.key || 'other'}`}>
          <h3 id={`dept-${group.key || 'other'}`}>{i18n.departmentName(group.layers[0].department)}</h3>
          <ul>
            {group.layers.map((layer) => {
              const name = i18n.layerName(layer);
              const visible = isVisible(prefs, layer.key);
              const opacity = opacityOf(prefs, layer.key);
              const state = loadStates[layer.key];
              const tabIndex = roving.tabIndex(rowOf.get(layer.key)!);
              return (
                <li key={layer.key} className="layer-item" data-layer={layer.key} data-roving-row>
                  <div className="layer-line">
                    <label className="layer-toggle">
                      <input
                        type="checkbox"
                        checked={visible}
                        onChange={(e) => onVisible(layer.key, e.target.checked)}
                        aria-label={t('visibility', { name })}
                        tabIndex={tabIndex}
                      />
                      <Swatch layer={layer} />
                      <span className="layer-name">{name}</span>
                    </label>
                    <span className="layer-count">{t('featureCount', { count: i18n.formatNumber(layer.featureCount, 0) })}</span>
                  </div>
                  <div className="layer-line layer-controls">
                    <OpacitySlider name={name} opacity={opacity} disabled={!visible} onChange={(value) => onOpacity(layer.key, value)} tabIndex={tabIndex} />
                    <button type="button" className="small" onClick={() => onZoom(layer)} aria-label={t('zoomToLayerFor', { name })} disabled={!layer.extent} tabIndex={tabIndex}>
                      {t('zoomToLayer')}
                    </button>
                    <button type="button" className="small" onClick={() => onOpenTable(layer.key)} aria-label={t('openTableFor', { name })} tabIndex={tabIndex}>
                      {t('openTable')}
                    </button>
                    {onExport && (
                      <button type="button" className="small" onClick={() => onExport(layer.key)} aria-label={t('exportLayerFor', { name })} tabIndex={tabIndex}>
                        {t('exportLayer')}
                      </button>
                    )}
                  </div>
                  {state && state !== 'done' && 'loaded' in state && (
                    <div className="layer-status" role="status">
                      {t('loadingLayer', { loaded: state.loaded, total: state.total })}
                    </div>
                  )}
                  {state && state !== 'done' && 'error' in state && (
                    <div className="layer-status error" role="alert">
                      {t('error', { message: state.error })}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
