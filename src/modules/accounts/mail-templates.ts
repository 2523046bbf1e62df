import type { Locale } from '../../platform/locale.ts';

export function signInMail(locale: Locale, code: string, link: string): { subject: string; text: string } {
  if (locale === 'en') {
    return {
      subject: `Your Furusato sign-in code: ${code}`,
      text: [
        'Enter this code to sign in to Furusato:',
        '',
        `    ${code}`,
        '',
        'Or open this link on the same device:',
        link,
        '',
        'The code and the link work once and expire in 15 minutes.',
        'If you did not ask for this, you can ignore this e-mail.',
      ].join('\n'),
    };
  }
  return {
    subject: `ふるさと住民 ログインコード: ${code}`,
    text: [
      '次のコードを入力してログインしてください。',
      '',
      `    ${code}`,
      '',
      'または、同じ端末で次のリンクを開いてください。',
      link,
      '',
      'コードとリンクは1回限り、15分間有効です。',
      'お心当たりのない場合は、このメールを破棄してください。',
    ].join('\n'),
  };
}
