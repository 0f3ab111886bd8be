import { FieldDefinition } from '../../domain/fields';
import { LayerRole } from './layer.roles';

/** The city's departments (課) that own layers. */
export const DEPARTMENTS = [
  { key: 'roads', nameJa: '道路管理課', nameEn: 'Road Management Division', sortOrder: 10 },
  { key: 'env', nameJa: '環境政策課', nameEn: 'Environmental Policy Division', sortOrder: 20 },
  { key: 'community', nameJa: '自治振興課', nameEn: 'Community Affairs Division', sortOrder: 30 },
  { key: 'disaster', nameJa: '危機管理室', nameEn: 'Crisis Management Office', sortOrder: 40 },
  { key: 'tax', nameJa: '資産税課', nameEn: 'Property Tax Division', sortOrder: 50 },
  { key: 'planning', nameJa: '都市計画課', nameEn: 'City Planning Division', sortOrder: 60 },
] as const;

export interface LayerDefinition {
  key: string;
  nameJa: string;
  nameEn: string;
  departmentKey: string;
  geometryTypes: string[];
  fields: FieldDefinition[];
  style: Record<string, unknown>;
  labelField?: string;
  sortOrder: number;
  /** The part the layer plays for the code (layer.roles.ts). */
  role?: LayerRole;
}

const circle = (color: string, radius = 5) => ({
  color,
  circle: { 'circle-color': color, 'circle-radius': radius, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
});

const association = (labelEn = 'Neighbourhood association'): FieldDefinition =>
  ({ key: 'association', label: '管理自治会', labelEn, type: 'text', maxLength: 100 });
const installedYear: FieldDefinition =
  { key: 'installed_year', label: '設置年度', labelEn: 'Year installed', type: 'integer', min: 1950, max: 2100, unit: '年度' };
const notes: FieldDefinition = { key: 'notes', label: '備考', labelEn: 'Notes', type: 'text', maxLength: 1000 };

/** Layers every installation starts with. Admins may change them later without code. */
export const BUILTIN_LAYERS: LayerDefinition[] = [
  {
    key: 'road_ledger', role: LayerRole.ROAD_LEDGER, nameJa: '道路台帳', nameEn: 'Road ledger', departmentKey: 'roads', sortOrder: 10,
    geometryTypes: ['LineString', 'MultiLineString'], labelField: 'route_name',
    style: { color: '#d9480f', line: { 'line-color': '#d9480f', 'line-width': 3 } },
    fields: [
      { key: 'route_no', label: '路線番号', labelEn: 'Route number', type: 'text', required: true, maxLength: 20 },
      { key: 'route_name', label: '路線名', labelEn: 'Route name', type: 'text', required: true, maxLength: 100 },
      { key: 'segment_no', label: '区間番号', labelEn: 'Segment number', type: 'integer', min: 1, max: 999 },
      { key: 'road_class', label: '道路種別', labelEn: 'Road class', type: 'enum', required: true, options: ['1級', '2級', 'その他'] },
      { key: 'certified_on', label: '認定年月日', labelEn: 'Certified on', type: 'date' },
      { key: 'start_point', label: '起点', labelEn: 'Start point', type: 'text', maxLength: 100 },
      { key: 'end_point', label: '終点', labelEn: 'End point', type: 'text', maxLength: 100 },
      { key: 'length_m', label: '延長', labelEn: 'Length', type: 'number', unit: 'm', computed: 'length' },
      { key: 'width_min_m', label: '幅員(最小)', labelEn: 'Width (min)', type: 'number', unit: 'm', min: 0, max: 60 },
      { key: 'width_max_m', label: '幅員(最大)', labelEn: 'Width (max)', type: 'number', unit: 'm', min: 0, max: 60 },
      { key: 'pavement', label: '舗装種別', labelEn: 'Pavement', type: 'enum', options: ['アスファルト', 'コンクリート', '砂利', '未舗装'] },
    ],
  },
  {
    key: 'boundary_records', role: LayerRole.BOUNDARY_RECORDS, nameJa: '境界確定', nameEn: 'Boundary determinations', departmentKey: 'roads', sortOrder: 20,
    geometryTypes: ['Polygon', 'LineString', 'MultiPolygon', 'MultiLineString'], labelField: 'record_no',
    style: {
      color: '#7048e8',
      fill: { 'fill-color': '#7048e8', 'fill-opacity': 0.25 },
      line: { 'line-color': '#7048e8', 'line-width': 2 },
    },
    fields: [
      { key: 'record_no', label: '確定番号', labelEn: 'Record number', type: 'text', required: true, maxLength: 30, unique: true },
      { key: 'determined_on', label: '確定年月日', labelEn: 'Determined on', type: 'date', required: true },
      { key: 'parcel_no', label: '地番', labelEn: 'Parcel number', type: 'text', maxLength: 100 },
      { key: 'applicant_type', label: '申請者区分', labelEn: 'Applicant', type: 'enum', options: ['個人', '法人', '国・県', '市'] },
      { key: 'related_route_no', label: '関係路線番号', labelEn: 'Related route number', type: 'text', maxLength: 20 },
      // Personal data: names of the people present (立会者), for 道路管理課 only.
      { key: 'witnesses', label: '立会者', labelEn: 'Witnesses', type: 'text', maxLength: 300, restricted: { departments: ['roads'], users: [] } },
      { key: 'surveyor', label: '測量者', labelEn: 'Surveyor', type: 'text', maxLength: 100 },
      notes,
    ],
  },
  {
    key: 'curve_mirrors', role: LayerRole.CURVE_MIRRORS, nameJa: 'カーブミラー', nameEn: 'Curve mirrors', departmentKey: 'roads', sortOrder: 30,
    geometryTypes: ['Point'], labelField: 'mirror_no',
    style: circle('#1971c2', 5),
    fields: [
      { key: 'mirror_no', label: '管理番号', labelEn: 'Management number', type: 'text', required: true, maxLength: 20 },
      { key: 'route_name', label: '路線名', labelEn: 'Route name', type: 'text', maxLength: 100 },
      { key: 'shape', label: '鏡面形状', labelEn: 'Mirror shape', type: 'enum', options: ['丸', '角'] },
      { key: 'faces', label: '鏡面数', labelEn: 'Faces', type: 'enum', options: ['1面', '2面'] },
      { key: 'mirror_size_mm', label: '鏡面サイズ', labelEn: 'Mirror size', type: 'integer', unit: 'mm', min: 300, max: 1200 },
      installedYear,
      { key: 'pole_material', label: '支柱材質', labelEn: 'Pole material', type: 'enum', options: ['鋼管', 'ステンレス', 'アルミ', '電柱共架'] },
      { key: 'bearing_deg', label: '向き(方位角)', labelEn: 'Facing (azimuth)', type: 'number', unit: '°', min: 0, max: 360 },
      { key: 'last_inspected_on', label: '最終点検日', labelEn: 'Last inspected', type: 'date' },
      { key: 'condition', label: '状態', labelEn: 'Condition', type: 'enum', options: ['良好', '要清掃', '要補修', '要交換'] },
    ],
  },
  {
    key: 'garbage_points', role: LayerRole.GARBAGE_POINTS, nameJa: 'ゴミ集積所', nameEn: 'Garbage collection points', departmentKey: 'env', sortOrder: 40,
    geometryTypes: ['Point'], labelField: 'point_no',
    style: circle('#2f9e44', 5),
    fields: [
      { key: 'point_no', label: '集積所番号', labelEn: 'Point number', type: 'text', required: true, maxLength: 20 },
      { key: 'address', label: '住所(町丁目)', labelEn: 'Address (town)', type: 'text', required: true, maxLength: 100 },
      { key: 'burnable_days', label: '収集曜日(可燃ごみ)', labelEn: 'Collection days (burnable)', type: 'text', maxLength: 30, format: 'collectionDays' },
      { key: 'non_burnable_days', label: '収集曜日(不燃ごみ)', labelEn: 'Collection days (non-burnable)', type: 'text', maxLength: 30, format: 'collectionDays' },
      { key: 'recyclable_days', label: '収集曜日(資源ごみ)', labelEn: 'Collection days (recyclables)', type: 'text', maxLength: 30, format: 'collectionDays' },
      association(),
      { key: 'households', label: '利用世帯数', labelEn: 'Households', type: 'integer', unit: '世帯', min: 1, max: 1000 },
      { key: 'installation_type', label: '設置形態', labelEn: 'Installation', type: 'enum', options: ['ボックス', 'ネット', 'ステーション', '戸別'] },
      notes,
    ],
  },
  {
    key: 'street_lights', role: LayerRole.STREET_LIGHTS, nameJa: '防犯灯', nameEn: 'Street lights', departmentKey: 'community', sortOrder: 50,
    geometryTypes: ['Point'], labelField: 'light_no',
    style: circle('#f08c00', 3),
    fields: [
      { key: 'light_no', label: '管理番号', labelEn: 'Management number', type: 'text', required: true, maxLength: 20 },
      { key: 'lamp_type', label: '灯具種別', labelEn: 'Lamp type', type: 'enum', options: ['LED', '蛍光灯', '水銀灯'] },
      { key: 'watts', label: '消費電力', labelEn: 'Power', type: 'integer', unit: 'W', min: 1, max: 400 },
      { key: 'pole_no', label: '電柱番号', labelEn: 'Utility pole number', type: 'text', maxLength: 30 },
      association(),
      installedYear,
      { key: 'contract_type', label: '契約種別', labelEn: 'Electricity contract', type: 'enum', options: ['定額電灯', '公衆街路灯A', '公衆街路灯B'] },
    ],
  },
  {
    key: 'disaster_history', role: LayerRole.DISASTER_HISTORY, nameJa: '災害履歴', nameEn: 'Disaster history', departmentKey: 'disaster', sortOrder: 60,
    geometryTypes: ['Point', 'Polygon', 'MultiPolygon'], labelField: 'disaster_type',
    style: {
      color: '#e03131',
      circle: { 'circle-color': '#e03131', 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
      fill: { 'fill-color': '#e03131', 'fill-opacity': 0.3 },
      line: { 'line-color': '#e03131', 'line-width': 1.5 },
    },
    fields: [
      { key: 'disaster_type', label: '災害種別', labelEn: 'Type', type: 'enum', required: true, options: ['浸水', '道路冠水', '土砂崩れ', '倒木', '陥没', 'その他'] },
      { key: 'occurred_on', label: '発生日', labelEn: 'Occurred on', type: 'date', required: true },
      { key: 'cause', label: '原因', labelEn: 'Cause', type: 'text', maxLength: 100 },
      { key: 'damage_summary', label: '被害概要', labelEn: 'Damage', type: 'text', maxLength: 1000, restricted: { departments: ['disaster'], users: [] } },
      { key: 'response', label: '対応内容', labelEn: 'Response', type: 'text', maxLength: 1000, restricted: { departments: ['disaster'], users: [] } },
      { key: 'resolved_on', label: '対応完了日', labelEn: 'Resolved on', type: 'date' },
      { key: 'affected_area_m2', label: '被害面積', labelEn: 'Affected area', type: 'number', unit: 'm²', computed: 'area' },
    ],
  },

  // Reference layers of the base map: kept by the tax GIS (parcels, buildings) and city planning,
  // brought in by import and read-only for the other departments.
  {
    key: 'parcels', role: LayerRole.PARCELS, nameJa: '地番図', nameEn: 'Parcels', departmentKey: 'tax', sortOrder: 70,
    geometryTypes: ['Polygon', 'MultiPolygon'], labelField: 'chiban',
    style: { color: '#868e96', fill: { 'fill-color': '#f8f9fa', 'fill-opacity': 0.05 }, line: { 'line-color': '#adb5bd', 'line-width': 0.6 } },
    fields: [
      { key: 'oaza', label: '大字・町名', labelEn: 'District', type: 'text', required: true, maxLength: 50 },
      { key: 'chiban', label: '地番', labelEn: 'Lot number', type: 'text', required: true, maxLength: 30 },
      { key: 'land_category', label: '地目', labelEn: 'Land category', type: 'enum', options: ['宅地', '田', '畑', '山林', '原野', '雑種地', '公衆用道路', '池沼', '学校用地', '公園'] },
      { key: 'registered_area_m2', label: '地積', labelEn: 'Registered area', type: 'number', unit: 'm²', min: 0, max: 10_000_000 },
    ],
  },
  {
    key: 'buildings', role: LayerRole.BUILDINGS, nameJa: '家屋', nameEn: 'Buildings', departmentKey: 'tax', sortOrder: 80,
    geometryTypes: ['Polygon', 'MultiPolygon'], labelField: 'building_no',
    style: { color: '#ced4da', fill: { 'fill-color': '#dee2e6', 'fill-opacity': 0.9 }, line: { 'line-color': '#adb5bd', 'line-width': 0.5 } },
    fields: [
      { key: 'building_no', label: '家屋番号', labelEn: 'Building number', type: 'text', maxLength: 30 },
      { key: 'structure', label: '構造', labelEn: 'Structure', type: 'enum', options: ['木造', '軽量鉄骨造', '鉄骨造', '鉄筋コンクリート造'] },
      { key: 'building_use', label: '用途', labelEn: 'Use', type: 'enum', options: ['居宅', '共同住宅', '店舗', '事務所', '工場', '倉庫', '公共施設', 'その他'] },
      { key: 'floors', label: '階数', labelEn: 'Floors', type: 'integer', min: 1, max: 60 },
      { key: 'built_year', label: '建築年', labelEn: 'Year built', type: 'integer', min: 1868, max: 2100 },
    ],
  },
  {
    key: 'facilities', role: LayerRole.FACILITIES, nameJa: '公共施設', nameEn: 'Public facilities', departmentKey: 'planning', sortOrder: 90,
    geometryTypes: ['Point'], labelField: 'name',
    style: circle('#5f3dc4', 6),
    fields: [
      { key: 'name', label: '名称', labelEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'reading', label: 'よみがな', labelEn: 'Reading (kana)', type: 'text', maxLength: 100 },
      { key: 'facility_kind', label: '種別', labelEn: 'Kind', type: 'enum', required: true, options: ['市役所', '出張所', '学校', '保育所', '公園', '公民館', '図書館', '駅', '病院', 'その他'] },
      { key: 'address', label: '所在地', labelEn: 'Address', type: 'text', maxLength: 100 },
      { key: 'phone', label: '電話番号', labelEn: 'Phone', type: 'text', maxLength: 20 },
    ],
  },
  {
    key: 'railways', role: LayerRole.RAILWAYS, nameJa: '鉄道', nameEn: 'Railways', departmentKey: 'planning', sortOrder: 100,
    geometryTypes: ['LineString', 'MultiLineString'], labelField: 'name',
    style: { color: '#343a40', line: { 'line-color': '#343a40', 'line-width': 3 } },
    fields: [
      { key: 'name', label: '路線名', labelEn: 'Line name', type: 'text', required: true, maxLength: 100 },
      { key: 'operator', label: '事業者', labelEn: 'Operator', type: 'text', maxLength: 100 },
    ],
  },
  {
    key: 'rivers', role: LayerRole.RIVERS, nameJa: '河川・水路', nameEn: 'Rivers and channels', departmentKey: 'planning', sortOrder: 110,
    geometryTypes: ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'], labelField: 'name',
    style: { color: '#4dabf7', line: { 'line-color': '#4dabf7', 'line-width': 2 }, fill: { 'fill-color': '#a5d8ff', 'fill-opacity': 0.8 } },
    fields: [
      { key: 'name', label: '名称', labelEn: 'Name', type: 'text', required: true, maxLength: 100 },
      { key: 'river_class', label: '河川区分', labelEn: 'Class', type: 'enum', options: ['一級河川', '二級河川', '準用河川', '普通河川', '水路'] },
    ],
  },
];
