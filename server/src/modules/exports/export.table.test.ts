import { toWareki } from './export.table';

describe('和暦 dates', () => {
  it('changes era on the right day', () => {
    expect(toWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(toWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(toWareki('2026-11-20')).toBe('令和8年11月20日');
  });
});
