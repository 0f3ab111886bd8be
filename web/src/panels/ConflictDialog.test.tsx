import { interpolate } from '../i18n';
import { editEn, editJa, type EditText } from '../editing/messages';
import type { StoredVersion } from '../editing/conflict';
import { savedBy } from './ConflictDialog';

const text = (messages: Record<string, string>): EditText => (key, params) => interpolate(messages[key], params);
const stored: StoredVersion = {
  id: '1', version: 4, attributes: {}, geometry: { type: 'Point', coordinates: [140.17, 35.67] }, deleted: false,
  updatedBy: '山田 太郎', updatedAt: '2026-11-29T01:12:00Z',
};

describe('who saved first, in the conflict dialog', () => {
  test('names the colleague and the time (Japan time) instead of 他のユーザー', () => {
    const { title, who } = savedBy(stored, text(editJa), 'ja');
    expect(title).toBe('山田 太郎さんが先に更新しました');
    expect(who).toContain('山田 太郎さん');
    expect(who).toContain('10:12');
    expect(who).not.toContain('他のユーザー');
  });

  test('in English too', () => {
    expect(savedBy(stored, text(editEn), 'en').title).toBe('山田 太郎 saved this feature first');
  });

  test('falls back to 他のユーザー when the server did not say who', () => {
    expect(savedBy({ ...stored, updatedBy: null }, text(editJa), 'ja')).toEqual({ title: '他のユーザーが先に更新しました', who: '他のユーザー' });
  });
});
