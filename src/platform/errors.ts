import type { Locale } from './locale.ts';

// Every error the API can answer, with its HTTP status and its message in each language.
// Codes are stable: clients branch on them, so renaming one is a breaking change.
export const errorCatalogue = {
  VALIDATION_FAILED: {
    status: 400,
    ja: '入力内容に誤りがあります。details を確認してください。',
    en: 'The request is invalid. See details.',
  },
  MALFORMED_BODY: {
    status: 400,
    ja: 'リクエスト本文を読み取れません。',
    en: 'The request body could not be parsed.',
  },
  INVALID_MUNICIPALITY_CODE: {
    status: 400,
    ja: '全国地方公共団体コードは検査数字を含む6桁の数字で指定してください（例: 042056）。',
    en: 'A local government code is six digits including its check digit (e.g. 042056).',
  },
  INVALID_PREFECTURE_CODE: {
    status: 400,
    ja: '都道府県コードは01〜47の2桁で指定してください。',
    en: 'A prefecture code is two digits from 01 to 47.',
  },
  SIGN_IN_CODE_INVALID: {
    status: 400,
    ja: 'コードまたはリンクが正しくないか、有効期限（15分）が切れています。もう一度メールを送信してください。',
    en: 'The code or link is wrong or has expired (15 minutes). Please request a new e-mail.',
  },
  DISPLAY_NAME_REQUIRED: {
    status: 400,
    ja: 'パスキーで登録するには、表示名（ニックネーム）を入力してください。',
    en: 'Enter a display name (nickname) to sign up with a passkey.',
  },
  PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    ja: 'パスキーの手続きの有効期限が切れたか、すでに使われています。最初からやり直してください。',
    en: 'This passkey request has expired or was already used. Please start again.',
  },
  PASSKEY_VERIFICATION_FAILED: {
    status: 400,
    ja: 'パスキーを確認できませんでした。別のパスキーかメールでのログインをお試しください。',
    en: 'The passkey could not be verified. Try another passkey or sign in by e-mail.',
  },
  AUTHENTICATION_REQUIRED: {
    status: 401,
    ja: 'ログインが必要です。',
    en: 'Please sign in.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    ja: '画面を再読み込みしてから、もう一度お試しください。',
    en: 'Please reload the page and try again.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    ja: '他のサイトからのリクエストは受け付けられません。',
    en: 'Requests from other sites are not accepted.',
  },
  INVALID_TENANT: {
    status: 400,
    ja: 'テナントは national または地方公共団体コード（6桁）で指定してください。',
    en: 'A tenant is "national" or a local government code (6 digits).',
  },
  IDENTITY_STATE_INVALID: {
    status: 400,
    ja: '本人確認の手続きの有効期限（10分）が切れたか、すでに使われています。最初からやり直してください。',
    en: 'This identity verification has expired (10 minutes) or was already used. Please start again.',
  },
  IDENTITY_VERIFICATION_DENIED: {
    status: 400,
    ja: '本人確認が中止されたか、認証サービスで完了しませんでした。',
    en: 'The identity verification was cancelled or not completed at the provider.',
  },
  IDENTITY_TOKEN_INVALID: {
    status: 400,
    ja: '認証サービスからの応答を確認できなかったため、本人確認を完了できませんでした。最初からやり直してください。',
    en: "The provider's answer could not be validated, so the verification was not completed. Please start again.",
  },
  FORBIDDEN: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  STAFF_MEMBER_NOT_FOUND: {
    status: 404,
    ja: '指定された職員はこのテナントに所属していません。',
    en: 'No such staff member in this tenant.',
  },
  PASSKEY_ALREADY_REGISTERED: {
    status: 409,
    ja: 'このパスキーはすでに登録されています。',
    en: 'This passkey is already registered.',
  },
  LAST_SIGN_IN_METHOD: {
    status: 409,
    ja: '最後のログイン方法は削除できません。先に別のパスキーを追加してください。',
    en: 'You cannot remove your last way to sign in. Add another passkey first.',
  },
  PASSKEY_NOT_FOUND: {
    status: 404,
    ja: '指定されたパスキーは見つかりません。',
    en: 'No such passkey.',
  },
  PARTNER_NOT_FOUND: {
    status: 404,
    ja: '指定された協力店はこの自治体に登録されていません。',
    en: 'No such partner business in this municipality.',
  },
  LAST_ADMIN: {
    status: 409,
    ja: '最後の管理者は削除・変更できません。先に別の管理者を追加してください。',
    en: 'The last administrator cannot be removed or changed. Add another administrator first.',
  },
  NOT_FOUND: {
    status: 404,
    ja: '指定されたページまたはAPIは存在しません。',
    en: 'No such page or API endpoint.',
  },
  MUNICIPALITY_NOT_FOUND: {
    status: 404,
    ja: '指定されたコードの地方公共団体は見つかりません。',
    en: 'No local government has this code.',
  },
  IDENTITY_VERIFICATION_UNAVAILABLE: {
    status: 404,
    ja: 'このサービスではマイナンバーカードによる本人確認を利用できません。',
    en: 'Identity verification with the My Number Card is not offered by this service.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    ja: 'このメソッドは使用できません。',
    en: 'This method is not allowed here.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    ja: 'リクエストが大きすぎます。',
    en: 'The request is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ja: 'この形式のリクエスト本文には対応していません。',
    en: 'This content type is not supported.',
  },
  TOO_MANY_SIGN_IN_CODES: {
    status: 429,
    ja: 'このメールアドレスへの送信回数が上限に達しました。15分ほど待ってから再度お試しください。',
    en: 'Too many codes were sent to this address. Please wait about 15 minutes and try again.',
  },
  RATE_LIMITED: {
    status: 429,
    ja: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
    en: 'Too many requests. Please wait and try again.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    ja: 'ただいまサービスを利用できません。しばらくしてから再度お試しください。',
    en: 'The service is unavailable. Please try again later.',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 503,
    ja: '本人確認の認証サービスに接続できません。しばらくしてから再度お試しください。',
    en: 'The identity verification provider cannot be reached. Please try again later.',
  },
  INTERNAL_ERROR: {
    status: 500,
    ja: 'システムエラーが発生しました。時間をおいて再度お試しください。',
    en: 'An internal error occurred. Please try again later.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown) {
    super(errorCatalogue[code].en);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = errorCatalogue[code].status;
    this.details = details;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown; requestId: string };
}

export function errorBody(code: ErrorCode, locale: Locale, details: unknown, requestId: string): ErrorBody {
  return { error: { code, message: errorCatalogue[code][locale], details: details ?? null, requestId } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}
