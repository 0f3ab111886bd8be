// Text for the daily-work features (date style preference).
export const dailyJa = {
  skipToMap: '地図へ移動',
  nextCollection: '次回: {dates}',
  dateStyle: '日付の表示',
  dateStyleWareki: '和暦（令和7年4月1日）',
  dateStyleWarekiShort: '和暦略（R7.4.1）',
  dateStyleIso: '西暦（2025-04-01）',
  // The singular of a count message (key + 'One'), used when count is 1; Japanese has no plural.
  featureCountOne: '{count}件',
  identifyCountOne: '{count}件の地物',
  importUndoneOne: '取込を元に戻しました({count}件)。',
  pointsReadOne: '{count}点を読み取りました。',
  disasterChartSummaryOne: '{from}年から{to}年まで {count}件',
};

export const dailyEn: typeof dailyJa = {
  skipToMap: 'Skip to the map',
  nextCollection: 'Next: {dates}',
  dateStyle: 'Date format',
  dateStyleWareki: 'Japanese era (令和7年4月1日)',
  dateStyleWarekiShort: 'Japanese era, short (R7.4.1)',
  dateStyleIso: 'ISO (2025-04-01)',
  featureCountOne: '{count} feature',
  identifyCountOne: '{count} feature',
  importUndoneOne: 'Import undone ({count} feature).',
  pointsReadOne: '{count} point read.',
  disasterChartSummaryOne: '{count} event, {from}–{to}',
};
