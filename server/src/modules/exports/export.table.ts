import { firstUnencodable, forEncoding } from '../../domain/csv';
import { FieldDefinition } from '../../domain/fields';
import { badInput } from '../../errors';
import { LayerRecord } from '../layers/layer.service';
import { ExportOptions } from './export.options';
import { ExportRow } from './export.sql';
import { formatDate } from '../../domain/dates';

/** One attribute column of an export: the feature id or a layer field. */
export interface ExportColumn {
  /** The name written to the file (label or key). */
  name: string;
  key: string;
  label: string;
  field?: FieldDefinition;
}

/** 2019-05-01 → 令和元年5月1日 (dates are stored as ISO calendar dates): the one 和暦 of domain/dates.ts, as the web shows it. */
export const toWareki = (iso: string): string => formatDate(iso, 'wareki');

export function exportColumns(layer: LayerRecord, options: ExportOptions): ExportColumn[] {
  const byLabel = options.columns === 'labels';
  const columns: ExportColumn[] = [
    { name: byLabel ? 'ID' : 'id', key: 'id', label: 'ID' },
    // A label carries its unit, as the attribute table shows it: 利用世帯数(世帯).
    ...layer.fieldDefs.map((f) => ({ name: byLabel ? (f.unit ? `${f.label}(${f.unit})` : f.label) : f.key, key: f.key, label: f.label, field: f })),
  ];
  for (const c of columns) {
    const bad = firstUnencodable(c.name, options.encoding);
    if (bad) throw badInput(`column ${c.name}: "${bad}" cannot be written in Shift_JIS (cp932); export in UTF-8 or with keys as column names`, { field: 'encoding' });
  }
  return columns;
}

/** A row's attribute values in column order (dates as the options ask; missing values null). */
export function rowValues(row: ExportRow, columns: ExportColumn[], options: ExportOptions): unknown[] {
  return columns.map((c) => {
    if (!c.field) return Number(row.id);
    const value = row.attributes[c.key];
    if (value === undefined || value === null) return null;
    if (c.field.type === 'date' && options.dates === 'wareki' && typeof value === 'string') return toWareki(value);
    if (typeof value === 'string' && options.encoding === 'cp932') {
      // Never a silent "?": the clerk learns which feature needs UTF-8 (or a different character).
      const bad = firstUnencodable(value, 'cp932');
      if (bad) {
        throw badInput(`feature ${row.id}, ${c.label}: "${bad}" cannot be written in Shift_JIS (cp932); export in UTF-8 instead`, { field: c.key, featureId: row.id });
      }
      return forEncoding(value, 'cp932');
    }
    return value;
  });
}
