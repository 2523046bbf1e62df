// The dev IdP's own pages: Japanese, labelled forms, no external resources (it runs offline).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (value: unknown) => String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f2f2f2; color: #1a1a1a; line-height: 1.7; }
  header { background: #00118f; color: #fff; padding: 0.75rem 1.5rem; font-weight: bold; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  label { display: block; font-weight: bold; margin-top: 1rem; }
  input { font-size: 1rem; padding: 0.5rem; width: 100%; box-sizing: border-box; border: 1px solid #595959; border-radius: 4px; }
  button { font-size: 1rem; padding: 0.6rem 1.5rem; margin-top: 1.25rem; border-radius: 6px; cursor: pointer;
           border: 2px solid #00118f; background: #00118f; color: #fff; }
  button.secondary { background: #fff; color: #00118f; }
  .note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.5rem 0.75rem; }
  .error { color: #b3001b; font-weight: bold; }
  .actions { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)} | マイナンバーカード認証（開発用）</title>
<style>${STYLE}</style>
</head>
<body>
<header>マイナンバーカード認証（開発用の模擬サービス）</header>
<main>
${body}
</main>
</body>
</html>`;
}

const DEV_NOTE =
  '<p class="note">開発・テスト用の模擬サービスです。本物のマイナンバーカードや個人情報は使いません。</p>';

function cancelForm(uid: string, label: string): string {
  return `<form method="post" action="/interaction/${html(uid)}/abort"><button type="submit" class="secondary">${html(label)}</button></form>`;
}

export function loginPage(input: { uid: string; clientName: string; failed: boolean; hint: string | null }): string {
  return page(
    'ログイン',
    `<h1>マイナンバーカードでログイン</h1>
${DEV_NOTE}
<p>「${html(input.clientName)}」が本人確認を求めています。</p>
${input.hint ? `<p>${html(input.hint)}</p>` : ''}
${input.failed ? '<p class="error" role="alert">利用者IDまたは暗証番号が正しくありません。</p>' : ''}
<form method="post" action="/interaction/${html(input.uid)}/login">
<label for="login">利用者ID</label>
<input id="login" name="login" autocomplete="username" required>
<label for="pin">暗証番号（数字4桁）</label>
<input id="pin" name="pin" type="password" inputmode="numeric" maxlength="4" autocomplete="current-password" required>
<button type="submit">ログイン</button>
</form>
${cancelForm(input.uid, 'キャンセル')}`,
  );
}

const CLAIM_NAMES: Record<string, string> = { name: '氏名', address: '住所', birthdate: '生年月日' };

export function consentPage(input: { uid: string; clientName: string; scopes: string[] }): string {
  const items = input.scopes
    .filter((scope) => scope !== 'openid')
    .map((scope) => `<li>${html(CLAIM_NAMES[scope] ?? scope)}</li>`)
    .join('');
  return page(
    '情報の提供',
    `<h1>情報の提供に同意しますか</h1>
${DEV_NOTE}
<p>「${html(input.clientName)}」に次の情報を提供します。</p>
<ul>${items || '<li>本人確認の結果</li>'}</ul>
<div class="actions">
<form method="post" action="/interaction/${html(input.uid)}/confirm"><button type="submit">同意する</button></form>
${cancelForm(input.uid, '同意しない')}
</div>`,
  );
}

export function errorPage(error: string, description: string | undefined): string {
  return page(
    'エラー',
    `<h1>認証を続けられません</h1>
<p role="alert">エラー: ${html(error)}</p>
${description ? `<p lang="en">${html(description)}</p>` : ''}
<p>元のサービスに戻って、最初からやり直してください。</p>`,
  );
}
