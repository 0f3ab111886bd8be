import type { AuditEntry } from '../api/audit';
import type { Layer } from '../api/model';
import { makeI18n } from '../i18n';
import { describeAdminChange } from './AdminChanges';

const ja = makeI18n('ja');
const en = makeI18n('en');
const layers = [{ key: 'curve_mirrors', nameJa: 'カーブミラー', nameEn: 'Curve mirrors' }] as Layer[];
const entry = (kind: string, extra: Partial<AuditEntry>): AuditEntry =>
  ({ id: '1', at: '2026-11-29T10:00:00Z', kind, username: 'admin', clientAddress: null, target: null, layerKey: null, rowCount: null, details: {}, ...extra });

describe('admin changes in the recent-changes view', () => {
  test('a layer change names the layer and what changed, in the UI language', () => {
    const e = entry('layer.update', { layerKey: 'curve_mirrors', target: 'curve_mirrors',
      details: { before: { name_ja: 'a', fields: [] }, after: { name_ja: 'b', fields: [{}] } } });
    expect(describeAdminChange(e, layers, ja)).toBe('カーブミラー: 名称、項目');
    expect(describeAdminChange(e, layers, en)).toBe('Curve mirrors: name, fields');
  });

  test('a user change names the user and the changed parts, a new password only as such', () => {
    const e = entry('user.update', { target: 'tanaka', details: { before: { role: 'viewer' }, after: { role: 'editor' }, passwordChanged: true } });
    expect(describeAdminChange(e, layers, ja)).toBe('tanaka: 権限、パスワード');
  });

  test('an attachment names the file and the feature by its layer and label (its id only when it has no label)', () => {
    const e = entry('attachment.upload', { layerKey: 'curve_mirrors', details: { filename: '点検写真.pdf', featureId: '123', featureLabel: 'CM-0012' } });
    expect(describeAdminChange(e, layers, ja)).toBe('点検写真.pdf — カーブミラー CM-0012');
    expect(describeAdminChange(entry('attachment.delete', { layerKey: 'curve_mirrors', details: { featureId: '123', featureLabel: null } }), layers, ja))
      .toBe('削除 — カーブミラー #123');
    expect(describeAdminChange(entry('layer.create', { layerKey: 'curve_mirrors' }), layers, ja)).toBe('カーブミラー（新規）');
  });
});
