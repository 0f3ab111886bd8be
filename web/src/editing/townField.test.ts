import type { FieldDefinition } from '../api/model';
import { townFill, townField } from './townField';

const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'type' | 'label'>): FieldDefinition => ({
  labelEn: f.key, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null, ...f,
});
const garbage = { fields: [field({ key: 'point_no', type: 'TEXT', label: '集積所番号' }), field({ key: 'address', type: 'TEXT', label: '住所(町丁目)' })] };

describe('the town of a new garbage point', () => {
  test('is found by the field labelled 町丁目, not by a fixed key', () => {
    expect(townField(garbage)?.key).toBe('address');
    expect(townField({ fields: [field({ key: 'address', type: 'TEXT', label: '所在地' })] })).toBeUndefined();
  });

  test('fills an empty town field and leaves a typed one alone', () => {
    expect(townFill(garbage, {}, '鹿渡')).toEqual({ address: '鹿渡' });
    expect(townFill(garbage, { address: '' }, '鹿渡')).toEqual({ address: '鹿渡' });
    expect(townFill(garbage, { address: '四街道1丁目' }, '鹿渡')).toBeNull();
    expect(townFill(garbage, {}, null)).toBeNull();
  });
});
