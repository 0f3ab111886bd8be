import { rovingTarget } from './roving';

describe('roving tabindex', () => {
  test('the arrow keys of the orientation move one row and stop at the ends; Home and End jump', () => {
    expect(rovingTarget('ArrowDown', 0, 11, 'vertical')).toBe(1);
    expect(rovingTarget('ArrowDown', 10, 11, 'vertical')).toBe(10);
    expect(rovingTarget('ArrowUp', 0, 11, 'vertical')).toBe(0);
    expect(rovingTarget('ArrowUp', 5, 11, 'vertical')).toBe(4);
    expect(rovingTarget('Home', 5, 11, 'vertical')).toBe(0);
    expect(rovingTarget('End', 5, 11, 'vertical')).toBe(10);
    expect(rovingTarget('ArrowRight', 1, 4, 'horizontal')).toBe(2);
    expect(rovingTarget('ArrowLeft', 1, 4, 'horizontal')).toBe(0);
  });

  test('other keys, and the other orientation\'s arrows, are left to the control', () => {
    expect(rovingTarget('ArrowRight', 1, 11, 'vertical')).toBeNull();
    expect(rovingTarget('ArrowDown', 1, 4, 'horizontal')).toBeNull();
    expect(rovingTarget('Tab', 1, 4, 'horizontal')).toBeNull();
    expect(rovingTarget('ArrowDown', 0, 0, 'vertical')).toBeNull();
  });
});
