// Numbers as the road ledger and survey documents state them.
import type { I18n } from '../i18n';

/** Ledger lengths and plane coordinates to the centimetre, always with two decimals: 240.40. */
export function centimetres(metres: number, lang: string): string {
  return metres.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Survey values (辺長, perimeter, area) to the millimetre, without grouping, as on 境界確定図. */
export const millimetres = (metres: number) => metres.toFixed(3);

/** A road's width range: "9.3–13.2 m", or one value when both ends agree. */
export function widthRange(min: number | null, max: number | null, i18n: Pick<I18n, 'formatNumber'>): string {
  if (min === null && max === null) return '—';
  if (min === null || max === null || min === max) return `${i18n.formatNumber((min ?? max)!, 2)} m`;
  return `${i18n.formatNumber(min, 2)}–${i18n.formatNumber(max, 2)} m`;
}
