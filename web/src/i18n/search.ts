// Messages of the search box and the parcel (地番) answer (merged into ja.ts and en.ts).

export const searchJa = {
  searchKindAddress: '住所',
  searchKindLot: '地番',
  searchKindFacility: '施設',
  searchKindRoute: '路線',
  searchKindLayerFeature: '台帳・管理番号',
  searchMatchFuzzy: '部分一致',
  searchMatchSimilar: '似た表記',
  searchNoteNearestBranch: '「{requested}」はありません。同じ親番で最も近い {found} を表示しています',
  searchNoteLotNotFound: '地番「{requested}」は見つかりません。{found} を表示しています',
  searchNoteAddressInTown: '住居表示「{requested}」は {found} の範囲を表示しています（番地ごとの位置はありません）',
  searchNoteNearMatch: '「{requested}」に近い表記の {found} です',
  enquiryParcel: '地番',
  enquiryLandCategory: '地目',
  enquiryRegisteredArea: '地積',
  enquiryFrontage: '接道',
  enquiryNoFrontage: '接する市道はありません',
  enquiryFrontageDetail: '{roadClass} / 幅員 {width} / 接道長 約{length} m',
  enquiryBoundaryRecordsOfParcel: '境界確定',
  enquiryNoBoundaryRecords: 'なし',
} as const;

export type SearchMessageKey = keyof typeof searchJa;

export const searchEn: Record<SearchMessageKey, string> = {
  searchKindAddress: 'Address',
  searchKindLot: 'Lot number',
  searchKindFacility: 'Facility',
  searchKindRoute: 'Route',
  searchKindLayerFeature: 'Ledgers and numbers',
  searchMatchFuzzy: 'partial match',
  searchMatchSimilar: 'similar spelling',
  searchNoteNearestBranch: '"{requested}" does not exist; showing {found}, the nearest branch number of the same parent lot',
  searchNoteLotNotFound: 'Lot "{requested}" was not found; showing {found}',
  searchNoteAddressInTown: 'Address "{requested}": showing the town {found} (no positions for house numbers)',
  searchNoteNearMatch: '{found} is spelt nearly like "{requested}"',
  enquiryParcel: 'Lot number',
  enquiryLandCategory: 'Land category',
  enquiryRegisteredArea: 'Registered area',
  enquiryFrontage: 'Road frontage',
  enquiryNoFrontage: 'No city road along this parcel',
  enquiryFrontageDetail: '{roadClass} / width {width} / about {length} m along the parcel',
  enquiryBoundaryRecordsOfParcel: 'Boundary determinations',
  enquiryNoBoundaryRecords: 'None',
};
