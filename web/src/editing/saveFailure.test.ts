import { ApiError } from '../api/client';
import { interpolate } from '../i18n';
import type { PendingChange } from './diff';
import { editEn, editJa, type EditText } from './messages';
import { saveFailure } from './saveFailure';

const ja: EditText = (key, params) => interpolate(editJa[key], params);
const en: EditText = (key, params) => interpolate(editEn[key], params);

const change = (key: string): PendingChange => ({
  key, kind: 'update', layerKey: 'curve_mirrors', fields: ['condition'], geometryChanged: false,
  input: { op: 'UPDATE', id: key, expectedVersion: 1, attributes: { condition: '要補修' } } as unknown as PendingChange['input'],
});
const stored = { id: '9', version: 3, deleted: false, geometry: { type: 'Point', coordinates: [140, 35] }, attributes: {} };

describe('a failed save becomes a session event and a status', () => {
  test('a conflict on the indexed change opens the conflict for that feature, with no error line', () => {
    const error = new ApiError('changes[1]: version 1 is stale', 'CONFLICT', { index: 1, current: stored });
    const { event, status } = saveFailure(error, [change('4'), change('9')], 'ja', ja);
    expect(event).toEqual({ type: 'conflict', conflict: { key: '9', stored, message: 'changes[1]: version 1 is stale' } });
    expect(status).toEqual({ state: 'idle' });
  });

  test('a conflict without the stored version is shown as a failure, not opened', () => {
    const { event, status } = saveFailure(new ApiError('stale', 'CONFLICT', { index: 0 }), [change('9')], 'ja', ja);
    expect(event).toBeNull();
    expect(status).toEqual({ state: 'error', message: '保存できませんでした: stale' });
  });

  test("the server's field problems go to the one change of a batch of one (no index needed)", () => {
    const error = new ApiError('condition: not an option', 'BAD_USER_INPUT', { problems: [{ field: 'condition', code: 'enum', params: { options: '良好, 要補修' } }] });
    const { event, status } = saveFailure(error, [change('9')], 'en', en);
    expect(event).toEqual({ type: 'serverProblems', key: '9', problems: [{ field: 'condition', code: 'enum', params: { options: '良好, 要補修' } }] });
    expect(status).toEqual({ state: 'error', message: editEn.saveBlocked });
  });

  test('a BAD_USER_INPUT in a batch without an index names no feature', () => {
    const { event, status } = saveFailure(new ApiError('too many changes', 'BAD_USER_INPUT'), [change('4'), change('9')], 'ja', ja);
    expect(event).toBeNull();
    expect(status.message).toBe('保存できませんでした: too many changes');
  });

  test('a refusal is translated from its catalogued reason', () => {
    const error = new ApiError('viewer accounts cannot edit', 'FORBIDDEN', { reason: 'viewerCannotEdit' });
    expect(saveFailure(error, [change('9')], 'ja', ja)).toEqual({ event: null, status: { state: 'error', message: '権限がありません: 閲覧専用アカウントでは編集できません' } });
  });

  test('a network failure (not an API error) says what went wrong', () => {
    const { event, status } = saveFailure(new TypeError('Failed to fetch'), [change('9')], 'en', en);
    expect(event).toBeNull();
    expect(status).toEqual({ state: 'error', message: 'Could not save: TypeError: Failed to fetch' });
  });
});
