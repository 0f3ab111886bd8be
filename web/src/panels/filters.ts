// Attribute table filters: what the user typed per field, and the API filters it means.
import type { AttributeFilter, FieldDefinition } from '../api/model';
import { parseDate } from '#domain/dates';

/** The raw form values of one field's filter; which ones are used depends on the field type. */
export interface FilterInput {
  /** TEXT: substring; ENUM and BOOLEAN: the chosen value ('' for any). */
  text?: string;
  /** INTEGER/NUMBER: bounds as typed; DATE: as typed, ISO or 和暦. */
  min?: string;
  max?: string;
}

export type FilterInputs = Record<string, FilterInput>;

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Turns the form into API filters, skipping empty and malformed entries. */
export function toAttributeFilters(fields: FieldDefinition[], inputs: FilterInputs): AttributeFilter[] {
  const filters: AttributeFilter[] = [];
  for (const field of fields) {
    const input = inputs[field.key];
    if (!input) continue;
    switch (field.type) {
      case 'TEXT':
        if (input.text?.trim()) filters.push({ field: field.key, contains: input.text.trim() });
        break;
      case 'ENUM':
        if (input.text) filters.push({ field: field.key, eq: input.text });
        break;
      case 'BOOLEAN':
        if (input.text === 'true' || input.text === 'false') filters.push({ field: field.key, eq: input.text === 'true' });
        break;
      case 'INTEGER':
      case 'NUMBER': {
        const min = numberOrNull(input.min);
        const max = numberOrNull(input.max);
        if (min !== null || max !== null) {
          filters.push({ field: field.key, ...(min !== null ? { gte: min } : {}), ...(max !== null ? { lte: max } : {}) });
        }
        break;
      }
      case 'DATE': {
        const valid = (d?: string) => (d ? parseDate(d) : null);
        const from = valid(input.min);
        const to = valid(input.max);
        if (from || to) filters.push({ field: field.key, ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) });
        break;
      }
    }
  }
  return filters;
}
