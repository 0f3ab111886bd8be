// The field of a layer that holds the town (住所(町丁目)), which a new point can fill from where it lies.
import type { Attributes, FieldDefinition, Layer } from '../api/model';

/** A plain text field named for the town: its label says 町丁目. Layers are data, so no key is assumed. */
export function townField(layer: Pick<Layer, 'fields'>): FieldDefinition | undefined {
  return layer.fields.find((f) => f.type === 'TEXT' && !f.computed && f.label.includes('町丁目'));
}

/** The attributes to set on a new feature, given the town found at its point; none when the clerk already typed one. */
export function townFill(layer: Pick<Layer, 'fields'>, attributes: Attributes, town: string | null): Attributes | null {
  const field = townField(layer);
  if (!field || !town) return null;
  const current = attributes[field.key];
  return current === undefined || current === null || current === '' ? { [field.key]: town } : null;
}
