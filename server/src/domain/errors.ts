// The catalogue of user-facing errors: each has a key (sent as `extensions.reason`), its GraphQL
// code and its text in Japanese and English with {param} placeholders (values in
// `extensions.params`). The server writes "ja (en)" as the message for scripts; the web shows
// the text of the user's language from this same catalogue (web/src/i18n/errors.ts). Pure data,
// so the web imports it without the server's dependencies.

export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

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
  lastAdmin: {
    code: 'CONFLICT',
    ja: '最後の管理者は権限を外すことも無効にすることもできません。先に別の管理者を作成してください',
    en: 'the last active administrator cannot be demoted or disabled; make another administrator first',
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
} as const satisfies Record<string, CataloguedError>;

export type ErrorKey = keyof typeof ERROR_CATALOGUE;
export type ErrorParams = Record<string, string | number>;

export const isErrorKey = (value: unknown): value is ErrorKey => typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);

/** The catalogued text in one language with its placeholders filled. */
export function errorText(key: ErrorKey, lang: 'ja' | 'en', params: ErrorParams = {}): string {
  return ERROR_CATALOGUE[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
