import { renderToStaticMarkup } from 'react-dom/server';
import type { FieldDefinition, Layer } from '../api/model';
import type { DraftFeature } from '../editing/graph';
import { serverProblems } from '../editing/validate';
import { I18nProvider } from '../i18n';
import { AttributeForm } from './AttributeForm';

const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'type'>): FieldDefinition => ({
  label: f.key, labelEn: f.key, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null, ...f,
});

const layer: Layer = {
  key: 'curve_mirrors', nameJa: 'カーブミラー', nameEn: 'Curve mirrors', department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, canEdit: true, role: null, kind: "VECTOR", basemap: false, published: false, publishedFields: null, readAccess: null, geometryTypes: ['Point'],
  fields: [
    field({ key: 'mirror_size_mm', type: 'INTEGER', min: 300, max: 1200 }),
    field({ key: 'shape', type: 'ENUM', options: ['丸', '角'] }),
    field({ key: 'notes', type: 'TEXT' }),
  ],
  style: null, featureCount: 0, extent: null, labelField: null,
};

const feature: DraftFeature = {
  key: 'f1', id: '1', layerKey: 'curve_mirrors', geometry: { type: 'Point', coordinates: [140.17, 35.67] },
  attributes: { mirror_size_mm: 5000, shape: '三角', notes: 'x' }, version: 1, deleted: false,
};

// What the server sends in extensions of a BAD_USER_INPUT (server/src/domain/fields.ts).
const fromServer = serverProblems('attributes: mirror_size_mm: must be at most 1200; …', {
  field: 'mirror_size_mm',
  problems: [
    { field: 'mirror_size_mm', code: 'max', params: { max: 1200 }, message: 'must be at most 1200' },
    { field: 'shape', code: 'enum', params: { options: ['丸', '角'] }, message: 'must be one of: 丸, 角' },
    { field: 'notes', code: 'somethingNew', params: {}, message: 'is not allowed today' },
    { field: 'shape', code: 'collectionDays', params: {}, message: 'must be collection days' },
  ],
});

const render = (lang?: 'ja' | 'en') => renderToStaticMarkup(
  <I18nProvider lang={lang}>
    <AttributeForm layer={layer} feature={feature} problems={fromServer} onChange={() => {}} />
  </I18nProvider>,
);

describe('server problems in the attribute form', () => {
  test('a server problem with a known code shows the same Japanese text as the client\'s own check', () => {
    const html = render('ja');
    expect(html).toContain('1200以下で入力してください。');
    expect(html).toContain('選択肢（丸、角）から選んでください。');
    expect(html).not.toContain('must be at most 1200');
    expect(html).toContain('収集曜日は「月・木」や「第2・第4水」の形で入力してください。');
  });

  test('in English the same codes show the client\'s English text', () => {
    const html = render('en');
    expect(html).toContain('Must be at most 1200.');
    expect(html).toContain('Choose one of: 丸、角.');
  });

  test('an unknown code falls back to the server\'s message', () => {
    expect(render('ja')).toContain('サーバー: is not allowed today');
  });
});
