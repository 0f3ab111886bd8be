// Display of attribute values by field type, with units.
import type { FieldDefinition } from '../api/model';
import type { I18n } from '../i18n';

export function withUnit(text: string, unit: string | null | undefined): string {
  if (!unit) return text;
  // "12.5 m" but "3基": Japanese units follow the number directly.
  return /^[\x20-\x7e]/.test(unit) ? `${text} ${unit}` : `${text}${unit}`;
}

export function formatValue(field: FieldDefinition, value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'BOOLEAN':
      return value === true || value === 'true' ? i18n.t('yes') : i18n.t('no');
    case 'INTEGER':
    case 'NUMBER': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return String(value);
      // A year (設置年度 2022) is a name, not a quantity: no thousands separator.
      if (isYear(field)) return withUnit(String(n), field.unit);
      return withUnit(i18n.formatNumber(n, field.type === 'INTEGER' ? 0 : 3), field.unit);
    }
    case 'DATE':
      return i18n.formatDate(String(value));
    default:
      return withUnit(Array.isArray(value) ? value.join('・') : String(value), field.unit);
  }
}

/** Integer fields that hold a year: unit 年/年度, or a key or English label that says year. */
export function isYear(field: Pick<FieldDefinition, 'type' | 'unit' | 'key' | 'labelEn'>): boolean {
  return field.type === 'INTEGER' && (/^年度?$/.test(field.unit ?? '') || /(^|_)(year|fy)$/i.test(field.key) || /\byear\b/i.test(field.labelEn ?? ''));
}

export function formatMetres(metres: number, i18n: I18n): string {
  return metres >= 1000 ? `${i18n.formatNumber(metres / 1000, 3)} km` : `${i18n.formatNumber(metres, 2)} m`;
}

export function formatSquareMetres(m2: number, i18n: I18n): string {
  if (m2 >= 1_000_000) return `${i18n.formatNumber(m2 / 1_000_000, 4)} km²`;
  return `${i18n.formatNumber(m2, 2)} m²`;
}
