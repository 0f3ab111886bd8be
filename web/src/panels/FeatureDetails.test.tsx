import { renderToStaticMarkup } from 'react-dom/server';
import type { Feature, FieldDefinition, Layer } from '../api/model';
import { I18nProvider } from '../i18n';
import { FeatureDetails } from './FeatureDetails';

const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'type'>): FieldDefinition => ({
  label: f.key, labelEn: f.key, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null, ...f,
});

const layer = (fields: FieldDefinition[]): Layer => ({
  key: 'road_segments', nameJa: '道路区間', nameEn: 'Road segments', department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, canEdit: true, role: null, kind: "VECTOR", basemap: false, published: false, publishedFields: null, readAccess: null, geometryTypes: ['LineString'],
  fields, style: null, featureCount: 1, extent: null, labelField: null,
});

const segment: Feature = {
  id: '7', layerKey: 'road_segments', geometry: { type: 'LineString', coordinates: [[140.17, 35.67], [140.18, 35.67]] },
  attributes: { length_m: 905.3, installed_year: 2022 }, lengthM: 905.3, areaM2: null, version: 1,
} as unknown as Feature;

const render = (l: Layer) => renderToStaticMarkup(<I18nProvider lang="ja"><FeatureDetails feature={segment} layer={l} /></I18nProvider>);
const count = (html: string, text: string) => html.split(text).length - 1;

describe('feature details', () => {
  test('a layer whose computed field is the length shows 延長 once', () => {
    const html = render(layer([field({ key: 'length_m', label: '延長', type: 'NUMBER', unit: 'm', computed: 'LENGTH', unique: false, format: null, restricted: null })]));
    expect(count(html, '<dt>延長</dt>')).toBe(1);
  });

  test('a layer without such a field still shows the measured length', () => {
    expect(count(render(layer([])), '<dt>延長</dt>')).toBe(1);
  });

  test('設置年度 is shown as 2022年度, not 2,022年度', () => {
    const html = render(layer([field({ key: 'installed_year', label: '設置年度', type: 'INTEGER', unit: '年度' })]));
    expect(html).toContain('2022年度');
  });
});

describe('next collection days', () => {
  test('a 収集曜日 value in the schedule format shows the next two days, skipping 成人の日', async () => {
    const { nextCollectionText } = await import('./FeatureDetails');
    const { makeI18n } = await import('../i18n');
    expect(nextCollectionText('収集曜日(可燃ごみ)', '月・木', makeI18n('ja'), '2026-01-09')).toBe('次回: 2026-01-15、2026-01-19');
    expect(nextCollectionText('収集曜日(可燃ごみ)', '月・木', makeI18n('ja', undefined, 'wareki'), '2026-01-09')).toBe('次回: 令和8年1月15日、令和8年1月19日');
    expect(nextCollectionText('収集曜日(可燃ごみ)', '随時', makeI18n('ja'), '2026-01-09')).toBeNull();
    expect(nextCollectionText('備考', '月・木', makeI18n('ja'), '2026-01-09')).toBeNull();
  });
});
