// Messages of live updates (merged into ja.ts and en.ts).

export const liveJa = {
  liveChangedByOther: '{who} さんが {when} にこの地物を変更しました（版 {version}）。保存すると競合として確認されます。',
  liveDeletedByOther: '{who} さんが {when} にこの地物を削除しました。',
  liveSomeone: '他のユーザー',
};

export const liveEn: Record<keyof typeof liveJa, string> = {
  liveChangedByOther: '{who} changed this feature at {when} (version {version}). Saving will show it as a conflict.',
  liveDeletedByOther: '{who} deleted this feature at {when}.',
  liveSomeone: 'another user',
};
