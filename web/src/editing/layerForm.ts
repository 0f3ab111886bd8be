// The layer administration form as plain data: a layer's definition and style, checked with the
// server's own key rules (#domain/ids) and the checks of checkFieldDefinitions (#domain/fields), and
// turned into the API's input. No I/O.
import { isFieldKey, isLayerKey } from '#domain/ids';
import type { ComputedKind, FieldDefinition, FieldType, Layer, LayerRole } from '../api/model';
import type { FieldInput, LayerInput } from './api';

export interface StyleDraft {
  color: string;
  /** Circle radius in pixels at street level. */
  pointRadius: number;
  lineWidth: number;
  fillOpacity: number;
}

export interface FieldDraft {
  key: string;
  label: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  /** Enum options as typed: separated by 、 or commas. */
  options: string;
  min: string;
  max: string;
  maxLength: string;
  unit: string;
  computed: ComputedKind | null;
  /** No two features may share a value (管理番号); the server refuses it while duplicates exist. */
  unique: boolean;
  /** Personal data: the departments (keys, 、-separated) besides the editors who read it; null = not restricted. */
  restricted: string | null;
  /** Users listed on the server (kept as they are: no user picker yet). */
  restrictedUsers: number[];
  /** A validated text format ('collectionDays' = 収集曜日, entered with a picker); null = free text. */
  format: string | null;
  /** Stored fields keep their key (the server cannot rename them). */
  existing: boolean;
}

export interface LayerDraft {
  key: string;
  nameJa: string;
  nameEn: string;
  departmentKey: string;
  geometryTypes: string[];
  labelField: string;
  style: StyleDraft;
  fields: FieldDraft[];
  /** The part the layer plays for the application (道路台帳 …), or none. */
  role: LayerRole | null;
  /** Who may read the whole layer besides its editors and administrators: null = all staff. */
  readAccess: { departments: string[]; users: number[] } | null;
  /** Shown on the public map (/public), restricted fields never. */
  published: boolean;
  /** The fields the public map shows: null = all unrestricted fields. */
  publishedFields: string[] | null;
}

export const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];
export const FIELD_TYPES: FieldType[] = ['TEXT', 'INTEGER', 'NUMBER', 'DATE', 'BOOLEAN', 'ENUM'];

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const text = (v: number | null | undefined) => (v == null ? '' : String(v));

export function emptyField(): FieldDraft {
  return { key: '', label: '', labelEn: '', type: 'TEXT', required: false, options: '', min: '', max: '', maxLength: '', unit: '', computed: null, unique: false, restricted: null, restrictedUsers: [], format: null, existing: false };
}

export function newLayerDraft(departmentKey: string): LayerDraft {
  return {
    key: '',
    nameJa: '',
    nameEn: '',
    departmentKey,
    geometryTypes: ['Point'],
    labelField: '',
    style: { color: '#0b7285', pointRadius: 5, lineWidth: 3, fillOpacity: 0.3 },
    fields: [{ ...emptyField(), key: 'name', label: '名称', labelEn: 'Name', required: true }],
    role: null,
    readAccess: null,
    published: false,
    publishedFields: null,
  };
}

export function draftFromLayer(layer: Layer): LayerDraft {
  const style = layer.style ?? {};
  const color = style.color ?? '#888888';
  return {
    key: layer.key,
    nameJa: layer.nameJa,
    nameEn: layer.nameEn,
    departmentKey: layer.department?.key ?? '',
    geometryTypes: [...layer.geometryTypes],
    labelField: layer.labelField ?? '',
    style: {
      color,
      pointRadius: num(style.circle?.['circle-radius'], 5),
      lineWidth: num(style.line?.['line-width'], 3),
      fillOpacity: num(style.fill?.['fill-opacity'], 0.3),
    },
    fields: layer.fields.map((f: FieldDefinition) => ({
      key: f.key,
      label: f.label,
      labelEn: f.labelEn ?? '',
      type: f.type,
      required: f.required,
      options: (f.options ?? []).join('、'),
      min: text(f.min),
      max: text(f.max),
      maxLength: text(f.maxLength),
      unit: f.unit ?? '',
      computed: typeof f.computed === 'string' ? f.computed : null,
      unique: !!f.unique,
      restricted: f.restricted ? f.restricted.departments.join('、') : null,
      restrictedUsers: f.restricted?.users ?? [],
      format: f.format ?? null,
      existing: true,
    })),
    role: layer.role ?? null,
    readAccess: layer.readAccess ? { departments: [...layer.readAccess.departments], users: [...layer.readAccess.users] } : null,
    published: !!layer.published,
    publishedFields: layer.publishedFields ? [...layer.publishedFields] : null,
  };
}

/** MapLibre paint per geometry kind, as the layer's style. */
export function styleObject(draft: Pick<LayerDraft, 'style' | 'geometryTypes'>): Record<string, unknown> {
  const { color, pointRadius, lineWidth, fillOpacity } = draft.style;
  const style: Record<string, unknown> = { color };
  const types = draft.geometryTypes;
  if (types.some((t) => t.endsWith('Point'))) {
    style.circle = { 'circle-color': color, 'circle-radius': pointRadius, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 };
  }
  if (types.some((t) => t.endsWith('LineString') || t.endsWith('Polygon'))) style.line = { 'line-color': color, 'line-width': lineWidth };
  if (types.some((t) => t.endsWith('Polygon'))) style.fill = { 'fill-color': color, 'fill-opacity': fillOpacity };
  return style;
}

export const splitOptions = (options: string) => options.split(/[、,，\n]/).map((o) => o.trim()).filter(Boolean);

export function fieldInput(f: FieldDraft): FieldInput {
  const number = (s: string) => (s.trim() === '' ? null : Number(s));
  return {
    key: f.key.trim(),
    label: f.label.trim(),
    labelEn: f.labelEn.trim() || null,
    type: f.type,
    required: f.required,
    options: f.type === 'ENUM' ? splitOptions(f.options) : null,
    min: f.type === 'INTEGER' || f.type === 'NUMBER' ? number(f.min) : null,
    max: f.type === 'INTEGER' || f.type === 'NUMBER' ? number(f.max) : null,
    maxLength: f.type === 'TEXT' ? number(f.maxLength) : null,
    unit: f.unit.trim() || null,
    computed: f.computed,
    unique: f.unique,
    restricted: f.restricted === null ? null : { departments: splitOptions(f.restricted), users: f.restrictedUsers },
    format: f.type === 'TEXT' ? f.format : null,
  };
}

export function layerInput(draft: LayerDraft): LayerInput {
  return {
    key: draft.key.trim(),
    nameJa: draft.nameJa.trim(),
    nameEn: draft.nameEn.trim(),
    departmentKey: draft.departmentKey,
    geometryTypes: draft.geometryTypes,
    labelField: draft.labelField || null,
    style: styleObject(draft),
    fields: draft.fields.map(fieldInput),
    role: draft.role,
    readAccess: draft.readAccess,
    published: draft.published,
    // Only fields that are still public: a field just marked restricted leaves the list.
    publishedFields: draft.publishedFields
      ? draft.publishedFields.filter((k) => draft.fields.some((f) => f.key.trim() === k && f.restricted === null))
      : null,
  };
}

export interface DraftProblem {
  /** "layer.key", "layer.nameJa", "fields.3.key", … */
  path: string;
  message: string;
}

/** What the server would refuse, said before sending (Japanese; the server's own word still wins). */
export function checkLayerDraft(draft: LayerDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!isLayerKey(draft.key.trim())) problems.push({ path: 'layer.key', message: 'キーは英小文字で始まり、英小文字・数字・_ の2〜63文字です。' });
  if (!draft.nameJa.trim()) problems.push({ path: 'layer.nameJa', message: 'レイヤ名を入力してください。' });
  if (!draft.departmentKey) problems.push({ path: 'layer.departmentKey', message: '担当課を選んでください。' });
  if (!draft.geometryTypes.length) problems.push({ path: 'layer.geometryTypes', message: '形状の種類を1つ以上選んでください。' });
  const seen = new Set<string>();
  draft.fields.forEach((f, i) => {
    const at = (k: string) => `fields.${i}.${k}`;
    const key = f.key.trim();
    if (!isFieldKey(key)) problems.push({ path: at('key'), message: 'キーは英小文字で始まり、英小文字・数字・_ のみです。' });
    else if (seen.has(key)) problems.push({ path: at('key'), message: 'キーが重複しています。' });
    seen.add(key);
    if (!f.label.trim()) problems.push({ path: at('label'), message: '項目名を入力してください。' });
    if (f.type === 'ENUM' && splitOptions(f.options).length === 0) problems.push({ path: at('options'), message: '選択肢を1つ以上入力してください。' });
    const input = fieldInput(f);
    for (const k of ['min', 'max', 'maxLength'] as const) {
      const v = input[k];
      if (v != null && !Number.isFinite(v)) problems.push({ path: at(k), message: '数値で入力してください。' });
    }
    if (input.min != null && input.max != null && input.min > input.max) problems.push({ path: at('max'), message: '最大は最小以上にしてください。' });
  });
  if (draft.readAccess && !draft.readAccess.departments.length && !draft.readAccess.users.length) {
    problems.push({ path: 'layer.readAccess', message: '閲覧できる課を1つ以上選んでください(担当課と管理者は常に閲覧できます)。' });
  }
  if (draft.labelField && !draft.fields.some((f) => f.key.trim() === draft.labelField)) {
    problems.push({ path: 'layer.labelField', message: 'ラベル項目が項目にありません。' });
  }
  return problems;
}
