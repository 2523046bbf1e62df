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
  MONTH_RANGE_INVALID: {
    status: 400,
    ja: '期間は開始月から終了月の順に、今月までの120か月以内で指定してください（YYYY-MM）。',
    en: 'Give a period from its first to its last month (YYYY-MM), at most 120 months and not after this month.',
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
  INVALID_RELATION_TYPES: {
    status: 400,
    ja: '関わり方の類型は①〜④（1〜4）から1つ以上選んでください。',
    en: 'Choose one or more relationship types from (1) to (4).',
  },
  INVALID_CONSENT_SCOPES: {
    status: 400,
    ja: '同意の項目は name, email, age_band, residence, relation_details, news から選んでください。',
    en: 'Consent scopes are name, email, age_band, residence, relation_details and news.',
  },
  REGISTRATION_TARGET_IS_WARD: {
    status: 400,
    ja: '政令指定都市の区ではなく、市に登録してください（details.parentCode）。',
    en: 'Register with the city, not one of its wards (details.parentCode).',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    ja: 'Idempotency-Key は英数字と記号（1〜200文字）で指定してください。',
    en: 'An Idempotency-Key is 1 to 200 printable ASCII characters.',
  },
  REVIEW_REASON_REQUIRED: {
    status: 400,
    ja: '却下するときは理由を入力してください。',
    en: 'Give a reason when rejecting.',
  },
  ACTIVITY_DATE_IN_FUTURE: {
    status: 400,
    ja: '活動日に未来の日付は指定できません。',
    en: 'The activity date cannot be in the future.',
  },
  ACCOUNT_DELETION_NOT_CONFIRMED: {
    status: 400,
    ja: 'アカウントを削除するには、確認のため confirm に true を指定してください。',
    en: 'To delete your account, confirm it by sending confirm: true.',
  },
  INVALID_URL: {
    status: 400,
    ja: 'リンクは http:// または https:// で始まるURLで入力してください。',
    en: 'A link must be a URL starting with http:// or https://.',
  },
  INVALID_PHONE_NUMBER: {
    status: 400,
    ja: '電話番号は数字とハイフンで入力してください（例: 0226-22-6600）。',
    en: 'Enter the phone number with digits and hyphens (e.g. 0226-22-6600).',
  },
  PUBLISH_AT_NOT_IN_FUTURE: {
    status: 400,
    ja: '予約公開の日時は現在より後の日時を指定してください。すぐに公開する場合は「公開」を選んでください。',
    en: 'A scheduled time must be in the future. To publish now, choose "published".',
  },
  IMAGE_REFERENCE_INVALID: {
    status: 400,
    ja: '指定された画像はこの自治体でアップロードされたものではありません（details.imageId）。',
    en: 'This image was not uploaded by this local government (details.imageId).',
  },
  PROOF_TYPE_NOT_ALLOWED: {
    status: 415,
    ja: '証明書類は JPEG・PNG の画像または PDF（5MBまで）でアップロードしてください。',
    en: 'Upload the proof as a JPEG or PNG image or a PDF (up to 5 MB).',
  },
  PROOF_CONTENT_MISMATCH: {
    status: 415,
    ja: 'ファイルの内容が指定された形式（JPEG・PNG・PDF）と一致しません。',
    en: 'The file content does not match its declared type (JPEG, PNG or PDF).',
  },
  PROOF_TOO_LARGE: {
    status: 413,
    ja: '証明書類のファイルは5MBまでです。',
    en: 'A proof file may be at most 5 MB.',
  },
  IMAGE_TYPE_NOT_ALLOWED: {
    status: 415,
    ja: '画像は JPEG・PNG・WebP 形式（10MBまで）でアップロードしてください。SVG などその他の形式は使えません。',
    en: 'Upload a JPEG, PNG or WebP image (up to 10 MB). SVG and other formats are not accepted.',
  },
  IMAGE_UNREADABLE: {
    status: 415,
    ja: '画像を読み込めませんでした。ファイルが壊れているか、画素数が大きすぎます。',
    en: 'The image could not be read. The file may be damaged or have too many pixels.',
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    ja: '画像ファイルは10MBまでです。',
    en: 'An image file may be at most 10 MB.',
  },
  REGISTRATION_NOT_FOUND: {
    status: 404,
    ja: 'この地方公共団体へのふるさと住民登録はありません。',
    en: 'You are not registered with this local government.',
  },
  REGISTRANT_NOT_FOUND: {
    status: 404,
    ja: '指定された登録者は見つかりません。',
    en: 'No such registrant.',
  },
  PREMIUM_APPLICATION_NOT_FOUND: {
    status: 404,
    ja: '指定されたプレミアム登録の申請は見つかりません。',
    en: 'No such premium application.',
  },
  ACTIVITY_NOT_FOUND: {
    status: 404,
    ja: '指定された活動記録は見つかりません。',
    en: 'No such activity record.',
  },
  POST_NOT_FOUND: {
    status: 404,
    ja: '指定されたお知らせは見つかりません。',
    en: 'No such post.',
  },
  DASHBOARD_NOT_AVAILABLE: {
    status: 404,
    ja: 'この団体のダッシュボードはありません（市区町村または都道府県を指定してください）。',
    en: 'There is no dashboard for this tenant (name a municipality or a prefecture).',
  },
  DASHBOARD_NOT_PREFECTURE: {
    status: 400,
    ja: '市区町村の比較は都道府県のダッシュボードでのみ表示できます。',
    en: 'Comparing municipalities is available on a prefecture dashboard only.',
  },
  DASHBOARD_RANGE_INVALID: {
    status: 400,
    ja: '期間の指定に誤りがあります（開始日は終了日以前、終了日は今日以前にしてください）。',
    en: 'The date range is invalid (the start must not be after the end, nor the end after today).',
  },
  DASHBOARD_RANGE_TOO_LONG: {
    status: 400,
    ja: '期間が長すぎます（日別は92日、週別は53週、月別は120か月まで）。',
    en: 'The date range is too long (at most 92 days, 53 weeks or 120 months).',
  },
  IMAGE_NOT_FOUND: {
    status: 404,
    ja: '指定された画像は見つかりません。',
    en: 'No such image.',
  },
  MUNICIPALITY_NOT_PARTICIPATING: {
    status: 409,
    ja: 'この地方公共団体はまだふるさと住民登録の受付を始めていません。',
    en: 'This local government does not accept furusato registrations yet.',
  },
  REGISTRATION_EXISTS: {
    status: 409,
    ja: 'すでにこの地方公共団体にふるさと住民登録しています（details.registration）。',
    en: 'You are already registered with this local government (details.registration).',
  },
  PREMIUM_APPLICATION_PENDING: {
    status: 409,
    ja: 'プレミアム登録の申請は審査中です。結果をお待ちください。',
    en: 'Your premium application is under review. Please wait for the decision.',
  },
  ALREADY_DECIDED: {
    status: 409,
    ja: 'この申請・記録はすでに審査済みです。',
    en: 'This has already been reviewed.',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    ja: '同じ操作を処理中です。少し待ってから再度お試しください。',
    en: 'The same request is still being processed. Please retry shortly.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    ja: 'この Idempotency-Key は別の内容の操作に使われています。新しいキーを使ってください。',
    en: 'This Idempotency-Key was used for a different request. Use a new key.',
  },
  PREMIUM_REQUIREMENTS_NOT_MET: {
    status: 422,
    ja: 'プレミアム登録の条件を満たしていません。details.requirements で不足している条件を確認してください。',
    en: 'The premium requirements are not met. See details.requirements for what is missing.',
  },
  PREFECTURE_HELD_BY_MUNICIPALITIES: {
    status: 409,
    ja: 'この都道府県内の市区町村に登録しているため、都道府県の登録だけを取り消すことはできません（details.municipalities）。',
    en: 'You are registered with municipalities in this prefecture, so its registration stays (details.municipalities).',
  },
  // --- Helper recruitment (担い手の募集) ---
  SESSION_TIMES_INVALID: {
    status: 400,
    ja: '日程の終了は開始より後、開始から24時間以内にしてください。数日にわたる場合は日ごとに日程を分けてください（details.index）。',
    en: 'A session must end after it starts and within 24 hours; split longer stays into one session per day (details.index).',
  },
  OPPORTUNITY_DATE_IN_PAST: {
    status: 400,
    ja: '過去の日時の日程は登録できません。これから始まる日程を指定してください。',
    en: 'A session cannot start in the past. Give a session that is still to come.',
  },
  OPPORTUNITY_ANSWERS_INVALID: {
    status: 400,
    ja: 'すべての質問に、質問と同じ順番で回答してください（details.questions）。',
    en: 'Answer every question, in the order asked (details.questions).',
  },
  CHECK_IN_TOKEN_INVALID: {
    status: 400,
    ja: 'このチェックイン用QRコードは読み取れないか、無効です。会場に掲示された最新のQRコードを読み取ってください。',
    en: 'This check-in QR code cannot be read or is not valid. Scan the current code shown at the venue.',
  },
  CHECK_IN_TOKEN_EXPIRED: {
    status: 400,
    ja: 'このチェックイン用QRコードの有効期限（開催日当日）が過ぎています。',
    en: 'This check-in QR code has expired (it is valid on the day of the session only).',
  },
  CHECK_IN_TOKEN_NOT_YET_VALID: {
    status: 400,
    ja: 'このチェックイン用QRコードは開催日当日から使えます（details.validFrom）。',
    en: 'This check-in QR code can be used from the day of the session (details.validFrom).',
  },
  SESSION_REQUIRED: {
    status: 400,
    ja: '本日受付中の日程が1つに決まらないため、日程（sessionId）を指定してください（details.sessions）。',
    en: 'No single session is open for check-in today; give the sessionId (details.sessions).',
  },
  OPPORTUNITY_NOT_FOUND: {
    status: 404,
    ja: '指定された募集は見つかりません。',
    en: 'No such opportunity.',
  },
  APPLICATION_NOT_FOUND: {
    status: 404,
    ja: '指定された応募は見つかりません。',
    en: 'No such application.',
  },
  SESSION_NOT_FOUND: {
    status: 404,
    ja: '指定された日程はこの募集にありません。',
    en: 'This opportunity has no such session.',
  },
  OPPORTUNITY_STATUS_CONFLICT: {
    status: 409,
    ja: '募集の状態をこのように変更することはできません（公開後は下書きに戻せません）。',
    en: 'The opportunity cannot change to this status (once opened, it cannot go back to draft).',
  },
  OPPORTUNITY_CO_HOSTS_INVALID: {
    status: 422,
    ja: '共同で募集できるのは、同じ都道府県の参加中の市町村です（details.problems に理由）。',
    en: 'Co-hosts must be participating municipalities of the same prefecture (reasons in details.problems).',
  },
  OPPORTUNITY_NOT_OPEN: {
    status: 409,
    ja: 'この募集は現在、応募を受け付けていません。',
    en: 'This opportunity is not taking applications now.',
  },
  APPLICATION_EXISTS: {
    status: 409,
    ja: 'すでにこの募集に応募しています（details.application）。',
    en: 'You have already applied for this opportunity (details.application).',
  },
  CAPACITY_FULL: {
    status: 409,
    ja: '定員に達しているため、これ以上採用できません。定員を増やすか、他の採用を取り消してください。',
    en: 'The opportunity is full; no one else can be accepted. Raise the capacity first.',
  },
  CAPACITY_BELOW_ACCEPTED: {
    status: 409,
    ja: '定員は採用済みの人数（details.seatsTaken）より少なくできません。',
    en: 'The capacity cannot be lower than the number already accepted (details.seatsTaken).',
  },
  APPLICATION_STATUS_CONFLICT: {
    status: 409,
    ja: 'この応募の現在の状態では、この操作はできません（details.status）。',
    en: 'This cannot be done with the application in its current status (details.status).',
  },
  CANCELLATION_CLOSED: {
    status: 409,
    ja: '最初の日程が始まったため、アプリからは取り消せません。自治体の担当者に連絡してください。',
    en: 'The first session has started, so the application can no longer be cancelled here. Please contact the municipality.',
  },
  SESSION_NOT_STARTED: {
    status: 409,
    ja: '日程が始まる前は欠席として記録できません。',
    en: 'An absence cannot be recorded before a session has started.',
  },
  APPLICATION_NOT_ACCEPTED: {
    status: 409,
    ja: 'この募集で採用されていないため、チェックインできません（details.status）。',
    en: 'You cannot check in: you are not accepted for this opportunity (details.status).',
  },
  ALREADY_CHECKED_IN: {
    status: 409,
    ja: 'この日程にはすでにチェックイン済みです。',
    en: 'Already checked in to this session.',
  },
  CHECK_IN_NOT_OPEN: {
    status: 409,
    ja: 'この日程のチェックインは開催日当日から受け付けます（details.opensAt）。',
    en: 'Check-in for this session opens on its day (details.opensAt).',
  },
  CHECK_IN_CLOSED: {
    status: 409,
    ja: 'この日程は終了したため、チェックイン用QRコードは発行できません。参加は会員番号で記録してください。',
    en: 'This session is over, so no check-in QR code is issued. Record attendance by member id instead.',
  },
  SESSION_HAS_CHECK_INS: {
    status: 409,
    ja: 'チェックイン済みの参加者がいる日程は削除・変更できません（details.sessions）。',
    en: 'Sessions that people have checked in to cannot be removed or moved (details.sessions).',
  },
  OPPORTUNITY_REQUIREMENTS_NOT_MET: {
    status: 422,
    ja: 'この募集の応募条件を満たしていません。details.requirements で不足している条件を確認してください。',
    en: 'You do not meet the requirements of this opportunity. See details.requirements for what is missing.',
  },
  MEASURE_SETTINGS_INVALID: {
    status: 400,
    ja: 'サポート施策の設定に矛盾があります（details.problems）。例: 申請項目は補助金にだけ、協力店は割引・宿泊交通・住民に準ずる扱いにだけ設定できます。',
    en: 'The support measure settings contradict each other (details.problems), e.g. only a subsidy has a form.',
  },
  APPLICATION_ANSWERS_INVALID: {
    status: 400,
    ja: '申請内容に不足または誤りがあります（details.problems）。',
    en: 'The application is incomplete or has wrong answers (details.problems).',
  },
  MEASURE_NOT_FOUND: {
    status: 404,
    ja: '指定されたサポート施策は見つかりません。',
    en: 'No such support measure.',
  },
  SUBSIDY_APPLICATION_NOT_FOUND: {
    status: 404,
    ja: '指定された補助金の申請は見つかりません。',
    en: 'No such subsidy application.',
  },
  SUBSIDY_APPLICATION_EXISTS: {
    status: 409,
    ja: 'この補助金にはすでに申請しています（1人1回まで）。',
    en: 'You have already applied for this subsidy (once per member).',
  },
  ALREADY_REDEEMED: {
    status: 409,
    ja: 'この会員はこの特典をすでに利用しています（1人1回まで）。',
    en: 'This member has already used this benefit (once per member).',
  },
  CARD_REVOKED: {
    status: 409,
    ja: 'この会員証は無効です。会員が登録を取り消しています。',
    en: 'This card is no longer valid: the member has withdrawn the registration.',
  },
  CARD_INVALID: {
    status: 422,
    ja: '会員証を確認できませんでした（改ざん、または発行元の鍵が不明）。アプリで会員証を表示し直してもらってください。',
    en: 'The card could not be verified (altered, or signed by an unknown key). Ask the member to show it again.',
  },
  CARD_EXPIRED: {
    status: 422,
    ja: '会員証の表示の有効期限（5分）が切れています。アプリで会員証を表示し直してもらってください。',
    en: 'The card display has expired (5 minutes). Ask the member to show it again in the app.',
  },
  CARD_OTHER_MUNICIPALITY: {
    status: 422,
    ja: '他の自治体の会員証です。この自治体の特典には使えません。',
    en: "This is another municipality's card; it cannot be used for this municipality's benefits.",
  },
  CLIENT_USE_ID_REUSED: {
    status: 422,
    ja: 'この clientUseId は別の利用の記録に使われています。新しいIDを使ってください。',
    en: 'This clientUseId was used for a different use. Use a new id.',
  },
  SCANNED_AT_OUT_OF_RANGE: {
    status: 422,
    ja: '読み取り日時は現在以前、かつ7日以内にしてください（オフラインの記録は7日以内に送信してください）。',
    en: 'The scan time must not be in the future and at most 7 days ago (sync offline uses within 7 days).',
  },
  MEASURE_NOT_ELIGIBLE: {
    status: 422,
    ja: 'このサポート施策の対象ではありません（details.reasons）。',
    en: 'Not eligible for this support measure (details.reasons).',
  },
  MEASURE_NOT_OFFERED_BY_PARTNER: {
    status: 422,
    ja: 'この協力店はこのサポート施策を扱っていません。',
    en: 'This partner does not offer this support measure.',
  },
  MEASURE_HAS_NO_APPLICATION: {
    status: 422,
    ja: 'このサポート施策は申請の対象ではありません（申請できるのは補助金のみです）。',
    en: 'This support measure takes no applications (only subsidies do).',
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
  ALREADY_PARTICIPATING: {
    status: 409,
    ja: 'この地方公共団体はすでに参加しています。',
    en: 'This local government already participates.',
  },
  WARD_CANNOT_PARTICIPATE: {
    status: 409,
    ja: '政令指定都市の区は単独では参加できません。市として参加してください。',
    en: 'A ward of a designated city cannot participate on its own; the city participates.',
  },
  MODEL_PROJECT_FULL: {
    status: 409,
    ja: 'モデル事業の対象団体は上限（20団体）に達しています。',
    en: 'The model project already has the maximum number of municipalities (20).',
  },
  MODEL_PROJECT_MEMBER_NOT_FOUND: {
    status: 404,
    ja: 'この地方公共団体はモデル事業の対象ではありません。',
    en: 'This local government is not in the model project.',
  },
  MODEL_PLAN_INCOMPLETE: {
    status: 409,
    ja: 'STEP1 の計画（5項目とベースラインの基準日）がそろうまで STEP2 に進めません。',
    en: 'STEP2 needs a complete STEP1 plan (all five items and the baseline date).',
  },
  MODEL_STEP_INVALID: {
    status: 409,
    ja: 'ステップは1つずつ順に進めてください。',
    en: 'Steps advance one at a time, in order.',
  },
  NEWSLETTER_NOT_FOUND: {
    status: 404,
    ja: 'メールマガジンが見つかりません。',
    en: 'The newsletter was not found.',
  },
  NEWSLETTER_ALREADY_SENT: {
    status: 409,
    ja: '送信を始めたメールマガジンは変更できません。',
    en: 'A newsletter cannot be changed once sending has started.',
  },
  NEWSLETTER_TEST_SEND_REQUIRED: {
    status: 422,
    ja: '送信する前に、いまの件名と本文で自分宛てにテスト送信してください。',
    en: 'Send a test to yourself with the current subject and body before sending.',
  },
  NEWSLETTER_TEST_ADDRESS_MISSING: {
    status: 422,
    ja: 'テスト送信先がありません。アカウントにメールアドレスを登録するか、この端末でプッシュ通知を有効にしてください。',
    en: 'There is nowhere to send the test: add an e-mail address to your account or enable push notifications here.',
  },
  NEWSLETTER_NO_RECIPIENTS: {
    status: 422,
    ja: 'この配信対象には、お知らせの受け取りに同意した登録者がいません。',
    en: 'No registrant in this segment has agreed to receive news.',
  },
  UNSUBSCRIBE_LINK_INVALID: {
    status: 400,
    ja: '配信停止のリンクが正しくありません。メールのリンクをそのまま開いてください。',
    en: 'The unsubscribe link is not valid. Open the link from the e-mail as it is.',
  },
  PUSH_SUBSCRIPTION_INVALID: {
    status: 400,
    ja: 'プッシュ通知の登録情報が正しくありません。ブラウザーで通知を有効にし直してください。',
    en: 'The push subscription is not valid. Please enable notifications in the browser again.',
  },
  PUSH_SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    ja: 'プッシュ通知の登録が見つかりません。',
    en: 'The push subscription was not found.',
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
