import { naturalCompare, nearMatch, normalizeSearchText, searchKeyOf, withinOneEdit } from './normalize';

/**
 * What a clerk types, and the stored values (as the city keeps them) it must hit exactly:
 * the typed text, normalised, equals one value of the stored thing's search key.
 */
const SPELLINGS: Array<[typed: string, stored: string[]]> = [
  // Towns (町丁目): kanji numerals, full width, small ヶ, が, spaces, readings
  ['四街道1丁目', ['四街道一丁目']],
  ['四街道一丁目', ['四街道一丁目']],
  ['四街道１丁目', ['四街道一丁目']],
  ['四街道 1 丁目', ['四街道一丁目']],
  ['四街道　一丁目', ['四街道一丁目']],
  ['旭ヶ丘', ['旭ケ丘']],
  ['旭ケ丘', ['旭ケ丘']],
  ['旭が丘', ['旭ケ丘']],
  ['旭ガ丘', ['旭ケ丘']],
  ['旭ヶ丘三丁目', ['旭ケ丘三丁目']],
  ['旭ヶ丘3丁目', ['旭ケ丘三丁目']],
  ['さつきヶ丘', ['さつきケ丘']],
  ['鹿放ヶ丘', ['鹿放ケ丘']],
  ['千代田五丁目', ['千代田5丁目']],
  ['鷹の台２丁目', ['鷹の台二丁目']],
  ['鷹之台二丁目', ['鷹の台二丁目']],
  ['もねの里六丁目', ['もねの里6丁目']],
  ['しかわたし', ['鹿渡', 'しかわたし']],
  ['シカワタシ', ['鹿渡', 'しかわたし']],
  ['ｼｶﾜﾀｼ', ['鹿渡', 'しかわたし']],
  ['よつかいどう', ['四街道', 'ヨツカイドウ']],
  ['大字鹿渡', ['鹿渡']],
  // Lot numbers (地番): 番/番地/の/号, 字, hyphen look-alikes, full width
  ['鹿渡933-1', ['鹿渡', '933-1']],
  ['鹿渡933番1', ['鹿渡', '933-1']],
  ['鹿渡933番地1', ['鹿渡', '933-1']],
  ['鹿渡933番地の1', ['鹿渡', '933-1']],
  ['鹿渡933の1', ['鹿渡', '933-1']],
  ['鹿渡九三三番一', ['鹿渡', '933-1']],
  ['鹿渡九百三十三番地の一', ['鹿渡', '933-1']],
  ['鹿渡字東933番1', ['鹿渡', '933-1']],
  ['鹿渡字○○933番1', ['鹿渡', '933-1']],
  ['大字鹿渡字東９３３番１', ['鹿渡', '933-1']],
  ['鹿渡９３３－１', ['鹿渡', '933-1']],
  ['鹿渡933ー1', ['鹿渡', '933-1']],
  ['鹿渡933―1', ['鹿渡', '933-1']],
  ['鹿渡933‐1', ['鹿渡', '933-1']],
  ['鹿渡933−1', ['鹿渡', '933-1']],
  ['鹿渡 353-14', ['鹿渡', '353-14']],
  ['933番1', ['鹿渡', '933-1']],
  ['933番', ['933']],
  // Addresses (住居表示)
  ['四街道1丁目2番3号', ['四街道1-2-3']],
  ['四街道一丁目二番三号', ['四街道1-2-3']],
  ['四街道1-2-3', ['四街道1丁目2番3号']],
  // Management numbers: width, case, hyphen or none
  ['Ｇ－１４５１', ['G-1451']],
  ['G1451', ['G-1451']],
  ['g-1451', ['G-1451']],
  ['ｇ１４５１', ['G-1451']],
  ['G ー 1451', ['G-1451']],
  ['1-01', ['１－０１']],
  // Facilities: names and readings
  ['四街道駅', ['四街道駅', 'よつかいどうえき']],
  ['ヨツカイドウエキ', ['四街道駅', 'よつかいどうえき']],
  ['市役所', ['市役所']],
  ['四街道市役所', ['四街道市役所', 'よつかいどうしやくしょ']],
  ['ABCマート', ['ａｂｃマート']],
];

describe('search normalisation', () => {
  test.each(SPELLINGS)('%s finds %j', (typed, stored) => {
    const key = searchKeyOf(stored)!;
    expect(key.split('|')).toContain(normalizeSearchText(typed));
  });

  test('has at least 40 spellings', () => {
    expect(SPELLINGS.length).toBeGreaterThanOrEqual(40);
  });

  test('kanji numerals inside names stay as written', () => {
    expect(normalizeSearchText('四街道')).toBe('四街道');
    expect(normalizeSearchText('千代田一丁目')).toBe('千代田1丁目');
    expect(normalizeSearchText('三咲')).toBe('三咲');
  });

  test('different places stay different', () => {
    expect(normalizeSearchText('鹿渡933-1')).not.toBe(normalizeSearchText('鹿渡933-11'));
    expect(normalizeSearchText('四街道1丁目')).not.toBe(normalizeSearchText('四街道11丁目'));
    expect(normalizeSearchText('鷹の台')).toBe('鷹の台'); // の inside a name is kept
  });

  test('a search key holds each value and all of them together; nothing when empty', () => {
    expect(searchKeyOf(['鹿渡', '933-1'])).toBe('|鹿渡|933-1|鹿渡933-1|');
    expect(searchKeyOf(['', null, undefined])).toBeNull();
    expect(searchKeyOf(['a|b%'])).toBe('|ab|');
  });

  test('natural order: 一丁目, 二丁目 … 十丁目, G-2 before G-10', () => {
    const towns = ['四街道三丁目', '四街道十丁目', '四街道一丁目', '四街道二丁目'];
    expect([...towns].sort(naturalCompare)).toEqual(['四街道一丁目', '四街道二丁目', '四街道三丁目', '四街道十丁目']);
    expect(['G-10', 'G-2'].sort(naturalCompare)).toEqual(['G-2', 'G-10']);
  });

  test.each([
    ['鹿渡', '鹿渡', true], ['鹿戸', '鹿渡', true], ['四街堂', '四街道', true], ['四街', '四街道', true], ['四街道', '街道', true],
    ['しかわだし', 'しかわたし', true], ['鹿戸', '鹿島川', false], ['四道', '四街道1丁目', false], ['ab', 'ba', false], ['', 'a', true],
  ])('%s and %s are within one edit: %s', (a, b, near) => {
    expect(withinOneEdit(a, b)).toBe(near);
    expect(withinOneEdit(b, a)).toBe(near);
  });

  test('a near spelling is one edit from a whole value of two or more characters, or (three or more typed) from its start', () => {
    expect(nearMatch('鹿戸', '鹿渡')).toBe('exact');
    expect(nearMatch('四街堂', '四街道')).toBe('exact');
    expect(nearMatch('四街堂', '四街道1丁目')).toBe('prefix');
    expect(nearMatch('旭が岡', '旭が丘2丁目')).toBe('prefix');
    expect(nearMatch('鹿渡', '鹿渡')).toBeNull(); // the same is no near spelling
    expect(nearMatch('鹿戸', '鹿放が丘')).toBeNull(); // two characters typed: never by a value's start
    expect(nearMatch('鹿', '鹿渡')).toBeNull();
    expect(nearMatch('大', '中')).toBeNull();
    expect(nearMatch('四街道えき', '四街道1丁目')).toBeNull();
    expect(nearMatch('四街道駅', '四街道')).toBeNull(); // the town typed whole, with more after it
  });
});
