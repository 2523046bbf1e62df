import type { Locale } from '../../platform/locale.ts';

// What an applicant is told by e-mail. The full thread stays in the app (GET /me/applications); the
// mail repeats the message so that people who rarely open the app still read it.

interface About {
  municipalityName: string;
  title: string;
  link: string;
}

const decisionText: Record<Locale, Record<'accepted' | 'declined' | 'no_show', string>> = {
  ja: { accepted: '参加が決まりました', declined: '今回は見送りとなりました', no_show: '欠席として記録されました' },
  en: {
    accepted: 'you are accepted',
    declined: 'you were not selected this time',
    no_show: 'you were recorded as absent',
  },
};

function quoted(message: string | null, locale: Locale): string {
  if (!message) return '';
  const heading = locale === 'en' ? 'Message from the municipality:' : '自治体からのメッセージ:';
  return `\n${heading}\n${message}\n`;
}

export function decisionMail(
  locale: Locale,
  about: About,
  status: 'accepted' | 'declined' | 'no_show',
  message: string | null,
) {
  if (locale === 'en') {
    return {
      subject: `${about.municipalityName}: ${about.title} — ${decisionText.en[status]}`,
      text: `Your application to "${about.title}" (${about.municipalityName}): ${decisionText.en[status]}.\n${quoted(message, 'en')}\nDetails: ${about.link}\n`,
    };
  }
  return {
    subject: `【${about.municipalityName}】${about.title}：${decisionText.ja[status]}`,
    text: `${about.municipalityName}の「${about.title}」へのご応募について、${decisionText.ja[status]}。\n${quoted(message, 'ja')}\n詳しくはこちら: ${about.link}\n`,
  };
}

export function messageMail(locale: Locale, about: About, message: string) {
  if (locale === 'en') {
    return {
      subject: `${about.municipalityName}: a message about ${about.title}`,
      text: `${about.municipalityName} sent you a message about "${about.title}".\n${quoted(message, 'en')}\nSee your application: ${about.link}\n`,
    };
  }
  return {
    subject: `【${about.municipalityName}】${about.title}についてのお知らせ`,
    text: `${about.municipalityName}から「${about.title}」についてメッセージが届きました。\n${quoted(message, 'ja')}\n応募の内容はこちら: ${about.link}\n`,
  };
}
