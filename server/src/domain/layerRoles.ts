// The parts a layer can play (layer.role, the GraphQL enum LayerRole), named for people. The server's
// registry (modules/layers/layer.roles.ts) adds what each role's code reads; the web's layer
// administration offers them. A required role cannot be dropped, only handed to another layer.
export type LayerRoleName =
  | 'ROAD_LEDGER' | 'BOUNDARY_RECORDS' | 'CURVE_MIRRORS' | 'GARBAGE_POINTS' | 'STREET_LIGHTS' | 'DISASTER_HISTORY' | 'PARCELS' | 'FACILITIES'
  | 'BUILDINGS' | 'RAILWAYS' | 'RIVERS';

export const LAYER_ROLE_NAMES: Record<LayerRoleName, { ja: string; en: string; required: boolean }> = {
  ROAD_LEDGER: { ja: '道路台帳', en: 'Road ledger', required: true },
  BOUNDARY_RECORDS: { ja: '境界確定', en: 'Boundary determinations', required: true },
  CURVE_MIRRORS: { ja: 'カーブミラー', en: 'Curve mirrors', required: false },
  GARBAGE_POINTS: { ja: 'ゴミ集積所', en: 'Garbage collection points', required: false },
  STREET_LIGHTS: { ja: '防犯灯', en: 'Street lights', required: false },
  DISASTER_HISTORY: { ja: '災害履歴', en: 'Disaster history', required: false },
  PARCELS: { ja: '地番図', en: 'Parcels', required: false },
  FACILITIES: { ja: '公共施設', en: 'Public facilities', required: false },
  BUILDINGS: { ja: '家屋', en: 'Buildings', required: false },
  RAILWAYS: { ja: '鉄道', en: 'Railways', required: false },
  RIVERS: { ja: '河川・水路', en: 'Rivers and channels', required: false },
};

/** The roles in the order they are offered. */
export const LAYER_ROLE_ORDER = Object.keys(LAYER_ROLE_NAMES) as LayerRoleName[];
