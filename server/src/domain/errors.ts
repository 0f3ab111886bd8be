// The catalogue of user-facing errors: each has a key (sent as `extensions.reason`), its GraphQL
// code and its text in Japanese and English with {param} placeholders (values in
// `extensions.params`). The server writes "ja (en)" as the message for scripts; the web shows
// the text of the user's language from this same catalogue (web/src/i18n/errors.ts). Pure data,
// so the web imports it without the server's dependencies.

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS'
  // The server cannot do this as installed (a part is missing or misconfigured): not the caller's fault.
  | 'SERVICE_UNAVAILABLE';

export interface CataloguedError {
  code: ErrorCode;
  ja: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  // Authorization (server/src/modules/auth/permissions.ts)
  loginRequired: { code: 'UNAUTHENTICATED', ja: 'ログインが必要です', en: 'login required' },
  adminOnly: { code: 'FORBIDDEN', ja: '管理者のみ行えます', en: 'only administrators may do this' },
  viewerCannotEdit: { code: 'FORBIDDEN', ja: '閲覧専用アカウントでは編集できません', en: 'viewer accounts cannot edit' },
  notLayerEditor: {
    code: 'FORBIDDEN',
    ja: 'レイヤー「{layerName}」は{departmentName}の管理です。編集権限がありません',
    en: 'layer {layer} belongs to {departmentNameEn}; you may not edit it',
  },
  viewerCannotImport: { code: 'FORBIDDEN', ja: '閲覧専用アカウントでは取込できません', en: 'viewer accounts cannot import' },
  notYourImport: { code: 'FORBIDDEN', ja: '他のユーザーの取込です', en: 'this import belongs to another user' },
  importOutOfMemory: {
    code: 'SERVICE_UNAVAILABLE',
    ja: '取込に必要なメモリが上限({mb} MB)を超えたため中止しました。何も書き込まれていません。管理者は IMPORT_HEAP_MB を大きくできます',
    en: 'the import needed more than its {mb} MB of memory and was stopped; nothing was written (an administrator can raise IMPORT_HEAP_MB)',
  },
  kmlUnreadable: { code: 'BAD_USER_INPUT', ja: 'KMLとして読めません: {detail}', en: 'not a KML document: {detail}' },
  kmlTooLarge: {
    code: 'BAD_USER_INPUT',
    ja: 'KMLは{maxMb} MBまでです。大きなデータはGeoPackageで取り込んでください',
    en: 'KML files are limited to {maxMb} MB; use GeoPackage for large data',
  },
  lastAdmin: {
    code: 'CONFLICT',
    ja: '最後の管理者は権限を外すことも無効にすることもできません。先に別の管理者を作成してください',
    en: 'the last active administrator cannot be demoted or disabled; make another administrator first',
  },
  // Request budget (server/src/security/rate-limit.ts)
  rateLimited: {
    code: 'TOO_MANY_REQUESTS',
    ja: '要求が多すぎます(1秒あたり{perSecond}件まで)。少し待ってからもう一度お試しください',
    en: 'too many requests (at most {perSecond} a second); wait a moment and try again',
  },
  publicRateLimited: {
    code: 'TOO_MANY_REQUESTS',
    ja: 'アクセスが集中しています(1分あたり{perMinute}件まで)。しばらくしてから再度お試しください',
    en: 'too many requests (at most {perMinute} a minute); try again shortly',
  },
  costBudgetExhausted: {
    code: 'TOO_MANY_REQUESTS',
    ja: '短い間に重い処理の要求が続いたため、{seconds}秒ほど受け付けを止めています(利用枠 {points} ポイント、毎秒 {perSecond} ポイント回復)。取得件数や条件を減らしてください',
    en: 'too much work asked for in a short time (a budget of {points} points, refilled by {perSecond} a second); try again in {seconds} s, or ask for less at once',
  },
  databaseBusy: {
    code: 'TOO_MANY_REQUESTS',
    ja: 'サーバーが混み合っているため処理できませんでした({seconds}秒待っても順番が来ませんでした)。少し待ってからもう一度お試しください',
    en: 'the server is too busy: the database was not free within {seconds} s; wait a moment and try again',
  },
  graphqlTooLarge: {
    code: 'BAD_USER_INPUT',
    ja: 'GraphQL の要求が大きすぎます({maxKb} KB まで)。変更は小分けにするか、大量のデータは取込をお使いください',
    en: 'GraphQL request larger than {maxKb} KB; send changes in smaller batches, or large data through an import',
  },
  // Password policy (server/src/domain/password.ts)
  passwordTooShort: { code: 'BAD_USER_INPUT', ja: 'パスワードは{min}文字以上にしてください', en: 'the password must be at least {min} characters long' },
  passwordTooLong: { code: 'BAD_USER_INPUT', ja: 'パスワードは{max}文字以内にしてください', en: 'the password must be at most {max} characters long' },
  passwordIsUsername: { code: 'BAD_USER_INPUT', ja: 'パスワードにユーザー名を使うことはできません', en: 'the password must not be the user name' },
  passwordWeak: {
    code: 'BAD_USER_INPUT',
    ja: 'このパスワードは推測されやすいため使えません。別のパスワードにしてください',
    en: 'this password is too easy to guess; choose another one',
  },
  currentPasswordWrong: { code: 'BAD_USER_INPUT', ja: '現在のパスワードが違います', en: 'the current password is wrong' },
  passwordUnchanged: { code: 'BAD_USER_INPUT', ja: '新しいパスワードが現在のものと同じです', en: 'the new password is the same as the current one' },
  passwordReused: {
    code: 'BAD_USER_INPUT',
    ja: '最近使ったパスワード(直近{count}回)は使えません。別のパスワードにしてください',
    en: 'this password was one of your last {count}; choose another one',
  },
  passwordExpired: {
    code: 'UNAUTHENTICATED',
    ja: 'パスワードの有効期限({days}日)が切れています。新しいパスワードを設定してください',
    en: 'your password is older than {days} days; set a new one to log in',
  },
  passwordChangeRequired: {
    code: 'UNAUTHENTICATED',
    ja: '管理者の指示により、新しいパスワードを設定してからログインしてください',
    en: 'an administrator asked you to set a new password before logging in',
  },
  securitySettingRange: { code: 'BAD_USER_INPUT', ja: '{field}は{min}〜{max}の整数にしてください', en: '{field} must be a whole number from {min} to {max}' },
  // Users and departments (server/src/modules/auth, layers)
  userNotFound: { code: 'NOT_FOUND', ja: 'ユーザー「{username}」はありません', en: 'user {username} does not exist' },
  userExists: { code: 'CONFLICT', ja: 'ユーザー名「{username}」は既に使われています', en: 'the user name {username} is taken' },
  usernameFormat: {
    code: 'BAD_USER_INPUT',
    ja: 'ユーザー名は半角英数字と「. _ -」で2〜40文字にしてください',
    en: 'the user name must be 2–40 letters, digits, ".", "_" or "-"',
  },
  displayNameRequired: { code: 'BAD_USER_INPUT', ja: '表示名を入力してください', en: 'a display name is required' },
  editorNeedsDepartment: { code: 'BAD_USER_INPUT', ja: '編集者には所属課が必要です', en: 'an editor needs a department' },
  unknownDepartment: { code: 'BAD_USER_INPUT', ja: '課「{department}」はありません', en: 'department {department} does not exist' },
  departmentNotFound: { code: 'NOT_FOUND', ja: '課「{department}」はありません', en: 'department {department} does not exist' },
  departmentNameRequired: { code: 'BAD_USER_INPUT', ja: '課の名称(日本語・英語)を入力してください', en: 'a department needs a Japanese and an English name' },
  departmentMergeSame: { code: 'BAD_USER_INPUT', ja: '統合先には別の課を選んでください', en: 'choose another department to merge into' },
  publishedFieldUnknown: {
    code: 'BAD_USER_INPUT',
    ja: '公開する項目「{field}」はこのレイヤーにないか、個人情報として制限されています',
    en: 'the published field {field} is not a field of this layer or is restricted',
  },
  // Geometry of an edit (server/src/modules/edits)
  geometryInvalid: { code: 'BAD_USER_INPUT', ja: '図形が正しくありません: {detail}', en: 'geometry is not valid: {detail}' },
  outsideServiceArea: {
    code: 'BAD_USER_INPUT',
    ja: '市の区域(境界から{marginM} m以内)の外には登録できません',
    en: 'geometry lies outside the service area (the city boundary plus {marginM} m)',
  },
  // Attachments (server/src/modules/attachments)
  fileNameRequired: { code: 'BAD_USER_INPUT', ja: 'ファイル名が必要です', en: 'a file name is required' },
  fileEmpty: { code: 'BAD_USER_INPUT', ja: 'ファイルが空です', en: 'the file is empty' },
  attachmentTooLarge: { code: 'BAD_USER_INPUT', ja: 'ファイルが大きすぎます(上限 {maxMb} MB)', en: 'the file is larger than {maxMb} MB' },
  attachmentType: { code: 'BAD_USER_INPUT', ja: '添付できるのは PDF・JPEG・PNG のファイルだけです', en: 'only PDF, JPEG and PNG files can be attached' },
  featureNotFound: { code: 'NOT_FOUND', ja: '地物 {id} はありません', en: 'feature {id} does not exist' },
  // Layer roles (server/src/modules/layers/layer.roles.ts)
  roleRequired: {
    code: 'BAD_USER_INPUT',
    ja: '役割「{role}」は外せません。別のレイヤーにこの役割を渡してください',
    en: 'the role {role} cannot be dropped; give it to another layer instead',
  },
  roleFieldMissing: {
    code: 'BAD_USER_INPUT',
    ja: '役割「{role}」のレイヤーには項目 {field}({type})が必要です',
    en: 'a layer playing the role {role} needs the field {field} ({type})',
  },
  roleGeometry: {
    code: 'BAD_USER_INPUT',
    ja: '役割「{role}」のレイヤーの図形は {types} に限られます',
    en: 'a layer playing the role {role} may only hold {types}',
  },
  // Features and edits (server/src/modules/features, edits)
  notFeatureId: { code: 'BAD_USER_INPUT', ja: '「{value}」は地物の ID ではありません', en: '"{value}" is not a feature id' },
  unknownLayer: { code: 'BAD_USER_INPUT', ja: 'レイヤー「{layer}」はありません', en: 'Unknown layer "{layer}"' },
  layerNotFound: { code: 'NOT_FOUND', ja: 'レイヤー「{layer}」はありません', en: 'unknown layer "{layer}"' },
  pageSize: { code: 'BAD_USER_INPUT', ja: '{field} は {min}〜{max} にしてください', en: '{field} must be between {min} and {max}' },
  pageTooLarge: {
    code: 'BAD_USER_INPUT',
    ja: 'first は 0〜{max} にしてください。それより多い結果は after で続きを読んでください',
    en: 'first must be between 0 and {max}; page through larger results with after',
  },
  badCursor: {
    code: 'BAD_USER_INPUT',
    ja: 'after がこの問い合わせの続きを指していません。前のページの pageInfo.endCursor を使ってください',
    en: 'after is not a valid cursor for this query; use pageInfo.endCursor from the previous page',
  },
  badPosition: { code: 'BAD_USER_INPUT', ja: '位置が正しくありません: {detail}', en: '{detail}' },
  badRadius: { code: 'BAD_USER_INPUT', ja: '半径は 0〜{max} m にしてください', en: 'radius must be between 0 and {max} metres' },
  areaChoice: { code: 'BAD_USER_INPUT', ja: '範囲は多角形か地物(と距離)のどちらか一つで指定してください', en: 'give an area as either polygon or around (with distance), not both or neither' },
  areaPolygon: { code: 'BAD_USER_INPUT', ja: '選択する多角形が正しくありません({detail})', en: 'the selection polygon is not valid: {detail}' },
  areaSelfCrossing: { code: 'BAD_USER_INPUT', ja: '選択する多角形の辺が交差しています。交差しないように描き直してください', en: 'the selection polygon crosses itself; draw it without crossing edges' },
  areaDistance: { code: 'BAD_USER_INPUT', ja: '距離は 0〜{max} m にしてください', en: 'distance must be between 0 and {max} metres' },
  areaJson: {
    code: 'BAD_USER_INPUT',
    ja: 'area は {"polygon":[[経度,緯度],…]} か {"around":"地物ID","distance":50} の JSON で指定してください',
    en: 'area must be JSON as the features query takes it: {"polygon":[[lon,lat],…]} or {"around":"<feature id>","distance":50}',
  },
  textTooLong: { code: 'BAD_USER_INPUT', ja: '{field} は {max} 文字以内にしてください', en: '{field} text must be at most {max} characters' },
  notAField: {
    code: 'BAD_USER_INPUT',
    ja: '{what}: 「{key}」はレイヤー {layer} の項目ではありません(項目: {fields})',
    en: '{what}: "{key}" is not a field of layer {layer}. Fields: {fields}',
  },
  cannotSortBy: { code: 'BAD_USER_INPUT', ja: '{field} では並べ替えできません', en: 'cannot sort by {field}' },
  badFilter: { code: 'BAD_USER_INPUT', ja: '絞り込み where.{field} が正しくありません: {detail}', en: 'where.{field}: {detail}' },
  changesEmpty: { code: 'BAD_USER_INPUT', ja: '変更がありません', en: 'changes is empty' },
  batchTooLarge: {
    code: 'BAD_USER_INPUT',
    ja: '1回に送れる変更は {max} 件までです。分けて送ってください',
    en: 'at most {max} changes per request; split the batch',
  },
  uniqueValue: { code: 'CONFLICT', ja: '{label}は重複できません: {list}', en: '{field} must be unique in layer {layer}' },
  unknownOp: { code: 'BAD_USER_INPUT', ja: '操作「{op}」はありません', en: 'unknown op "{op}"' },
  geometryRequired: { code: 'BAD_USER_INPUT', ja: '地物を作るには図形が必要です', en: 'geometry is required to create a feature' },
  featureDeleted: { code: 'CONFLICT', ja: 'この地物は削除されています。先に復元してください', en: 'the feature is deleted; restore it first' },
  featureAlreadyDeleted: { code: 'CONFLICT', ja: 'この地物は既に削除されています', en: 'the feature is already deleted' },
  restoreVersionRequired: { code: 'BAD_USER_INPUT', ja: '復元する版 (version) を指定してください', en: 'version (the version to restore) is required' },
  versionNotFound: { code: 'NOT_FOUND', ja: '地物 {id} に版 {version} はありません', en: 'feature {id} has no version {version}' },
  restoreDoesNotFit: {
    code: 'BAD_USER_INPUT',
    ja: '版 {version} は今のレイヤーの項目に合いません: {problems}',
    en: 'version {version} no longer fits the layer\'s fields: {problems}',
  },
  expectedVersionRequired: {
    code: 'BAD_USER_INPUT',
    ja: '編集した版 (expectedVersion) を送ってください',
    en: 'expectedVersion is required: send the version you edited',
  },
  staleVersion: {
    code: 'CONFLICT',
    ja: '他のユーザーが先に更新しました(編集した版 {expected}、現在の版 {current})。読み直して比べ、もう一度保存してください',
    en: 'the feature changed: you edited version {expected}, the stored version is {current}; reload it, compare, and save again',
  },
  geometryType: {
    code: 'BAD_USER_INPUT',
    ja: 'レイヤー「{layerName}」に登録できる図形は {types} です({type} は登録できません)',
    en: 'layer {layer} ({layerName}) takes {types}, not {type}',
  },
  tooManyPositions: { code: 'BAD_USER_INPUT', ja: '図形の頂点が多すぎます(上限 {max})', en: 'geometry has more than {max} positions' },
  badSrid: {
    code: 'BAD_USER_INPUT',
    ja: '座標系は 4326(経緯度)か平面直角座標系 {min}〜{max} を指定してください',
    en: 'srid must be 4326 (lon/lat) or a JGD2011 plane rectangular zone {min}–{max}',
  },
  layerChangedMeanwhile: {
    code: 'CONFLICT',
    ja: 'レイヤー「{layerName}」の定義が編集中に変更されました。再読み込みしてやり直してください',
    en: 'the definition of layer {layer} changed while you edited; reload and save again',
  },
  attributesNotObject: { code: 'BAD_USER_INPUT', ja: '属性はオブジェクトで送ってください', en: 'attributes must be an object' },
  attributesTooLarge: { code: 'BAD_USER_INPUT', ja: '属性が大きすぎます(上限 {maxKb} KB)', en: 'attributes are larger than {maxKb} KB' },
  attributesInvalid: { code: 'BAD_USER_INPUT', ja: '属性が正しくありません: {problems}', en: 'attributes: {problems}' },
  notAttachmentId: { code: 'BAD_USER_INPUT', ja: '「{value}」は添付ファイルの ID ではありません', en: '"{value}" is not an attachment id' },
  attachmentNotFound: { code: 'NOT_FOUND', ja: '添付ファイル {id} はありません', en: 'attachment {id} does not exist' },
  // Tiles and REST paths (server/src/modules/tiles, app.ts)
  tileUrl: { code: 'NOT_FOUND', ja: 'タイルの URL は /tiles/{layer}/{z}/{x}/{y}.mvt です', en: 'tile URLs are /tiles/{layer}/{z}/{x}/{y}.mvt' },
  tileNumbers: {
    code: 'BAD_USER_INPUT',
    ja: 'z・x・y は 0 以上の整数です (/tiles/{layer}/{z}/{x}/{y}.mvt)',
    en: 'z, x and y must be non-negative integers (/tiles/{layer}/{z}/{x}/{y}.mvt)',
  },
  zoomRange: { code: 'BAD_USER_INPUT', ja: 'z は {min}〜{max} にしてください', en: 'z must be between {min} and {max}' },
  tileRange: { code: 'BAD_USER_INPUT', ja: 'ズーム {zoom} では x と y は {size} 未満です', en: 'x and y must be below {size} at zoom {zoom}' },
  noSuchApiPath: { code: 'NOT_FOUND', ja: 'この URL はありません', en: 'no such API path' },
  // Users, logins and access tokens (server/src/modules/auth)
  usernameTooLong: { code: 'BAD_USER_INPUT', ja: 'ユーザー名が長すぎます', en: 'user name longer than {max} characters' },
  loginLocked: {
    code: 'TOO_MANY_REQUESTS',
    ja: 'ログイン失敗が続いたため一時的にロックされています。{minutes}分後に再度お試しください',
    en: 'too many failed logins; try again later',
  },
  wrongLogin: { code: 'UNAUTHENTICATED', ja: 'ユーザー名またはパスワードが違います', en: 'wrong user name or password' },
  unknownUser: { code: 'BAD_USER_INPUT', ja: 'ユーザー「{username}」はいません', en: 'user "{username}" does not exist' },
  tokensFromSession: {
    code: 'FORBIDDEN',
    ja: 'アクセストークンの管理はログインした画面から行ってください',
    en: 'tokens are managed from a login session, not with a token',
  },
  tokenName: { code: 'BAD_USER_INPUT', ja: '名前は1〜{max}文字にしてください', en: 'name must be 1–{max} characters' },
  tokenExpiry: { code: 'BAD_USER_INPUT', ja: '有効期間は1〜{max}日にしてください', en: 'expiry must be 1–{max} days' },
  tokenLayersEmpty: { code: 'BAD_USER_INPUT', ja: 'レイヤーを1つ以上選んでください', en: 'choose at least one layer, or none for all' },
  notTokenId: { code: 'BAD_USER_INPUT', ja: '「{value}」はトークンの ID ではありません', en: '"{value}" is not a token id' },
  tokenNotFound: { code: 'NOT_FOUND', ja: 'トークン {id} はないか、すでに無効です', en: 'token {id} does not exist or is already revoked' },
  tokenReadOnly: { code: 'FORBIDDEN', ja: 'このアクセストークンは読み取り専用です', en: 'this access token is read-only' },
  // Survey, roads, search and the counter (server/src/modules/survey, roads, city, enquiry)
  noBoundaryLayer: { code: 'BAD_USER_INPUT', ja: '読める境界確定のレイヤーがありません', en: 'no boundary records layer (境界確定) is readable' },
  coordinateTableTooLong: {
    code: 'BAD_USER_INPUT',
    ja: '座標一覧が長すぎます({max}文字まで)',
    en: 'the coordinate table is too long ({max} characters at most)',
  },
  planeSridOnly: {
    code: 'BAD_USER_INPUT',
    ja: '座標系は平面直角座標系 {min}〜{max} を指定してください(IX系 = 6677)',
    en: 'srid must be a JGD2011 plane rectangular zone {min}–{max} (zone IX = 6677)',
  },
  coordinateTable: { code: 'BAD_USER_INPUT', ja: '座標一覧が正しくありません: {problems}', en: 'coordinate table: {problems}' },
  tooFewBoundaryPoints: {
    code: 'BAD_USER_INPUT',
    ja: '{closedJa}には{needed}点以上必要です',
    en: 'a {closedEn} needs at least {needed} points',
  },
  boundaryRecordsOnly: {
    code: 'BAD_USER_INPUT',
    ja: '境界点は境界確定の地物にだけ登録できます',
    en: 'boundary points belong to boundary determination records (境界確定) only',
  },
  badTolerance: { code: 'BAD_USER_INPUT', ja: '許容距離は 0〜500 m にしてください', en: 'tolerance must be 0–500 metres' },
  // Audit log (server/src/modules/audit)
  notADate: { code: 'BAD_USER_INPUT', ja: '{field} が日時ではありません', en: '{field} is not a date' },
  fromAfterUntil: { code: 'BAD_USER_INPUT', ja: '「から」は「まで」より前にしてください', en: 'from must be before until' },
  notAuditId: { code: 'BAD_USER_INPUT', ja: '「{value}」は監査ログの ID ではありません', en: '"{value}" is not an audit entry id' },
  // Requests refused before they reach a module (server/src/security/http.ts, backup, print)
  crossSite: { code: 'FORBIDDEN', ja: '他のサイトからの書き込み要求は受け付けません', en: 'cross-site request refused' },
  simpleContentType: {
    code: 'FORBIDDEN',
    ja: '書き込み要求には Content-Type か apollo-require-preflight ヘッダーが必要です',
    en: 'send a non-simple content type or an apollo-require-preflight header',
  },
  badHost: { code: 'BAD_USER_INPUT', ja: 'Host ヘッダーが不正です', en: 'bad Host header' },
  badForwardedPrefix: { code: 'BAD_USER_INPUT', ja: 'X-Forwarded-Prefix が不正です', en: 'bad X-Forwarded-Prefix' },
  backupWithPgDump: {
    code: 'BAD_USER_INPUT',
    ja: 'PostgreSQL ではサーバー上で npm run backup (pg_dump) でバックアップしてください',
    en: 'on PostgreSQL, back up on the server host with npm run backup (pg_dump)',
  },
  printKind: { code: 'BAD_USER_INPUT', ja: '印刷できるのは {kinds} の PDF か PNG です', en: 'print {kinds} as pdf or png' },
  printPageMissing: {
    code: 'SERVICE_UNAVAILABLE',
    ja: 'サーバーの設定により印刷できません(印刷ページがありません)。管理者に連絡してください',
    en: 'this server cannot print: the web client is not built in {dir} (npm run build:web, or set WEB_DIST)',
  },
  printBrowserMissing: {
    code: 'SERVICE_UNAVAILABLE',
    ja: 'サーバーの設定により印刷できません(印刷用のChromiumを起動できません)。管理者に連絡してください',
    en: 'this server cannot print: Chromium does not start at {path} (install it or set CHROMIUM_PATH)',
  },
  // Base maps (server/src/domain/basemap.ts)
  basemapName: { code: 'BAD_USER_INPUT', ja: '名前は1〜{max}文字にしてください', en: 'the name must be 1–{max} characters' },
  basemapUrl: {
    code: 'BAD_USER_INPUT',
    ja: 'URL は http:// か https:// で始まる{max}文字以内のアドレスにしてください(ユーザー名・パスワードは含めません)',
    en: 'the URL must be an http:// or https:// address of at most {max} characters, without user name or password',
  },
  basemapRasterTemplate: {
    code: 'BAD_USER_INPUT',
    ja: 'ラスタータイルの URL には {z}・{x}・{y} を含めてください',
    en: 'a raster tile URL must contain {z}, {x} and {y}',
  },
  basemapAttribution: { code: 'BAD_USER_INPUT', ja: '出典は{max}文字以内にしてください', en: 'the attribution must be at most {max} characters' },
  basemapNotFound: { code: 'NOT_FOUND', ja: '背景地図 {id} はありません', en: 'base map {id} does not exist' },
} as const satisfies Record<string, CataloguedError>;

export type ErrorKey = keyof typeof ERROR_CATALOGUE;
export type ErrorParams = Record<string, string | number>;

export const isErrorKey = (value: unknown): value is ErrorKey => typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);

/** The catalogued text in one language with its placeholders filled. */
export function errorText(key: ErrorKey, lang: 'ja' | 'en', params: ErrorParams = {}): string {
  return ERROR_CATALOGUE[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
