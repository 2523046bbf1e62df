import type { StaffRole } from '../../db/schema.ts';
import type { Locale } from '../../platform/locale.ts';

const roleNames: Record<Locale, Record<StaffRole, string>> = {
  ja: { admin: '管理者', editor: '編集者', viewer: '閲覧者', partner: '協力店' },
  en: { admin: 'administrator', editor: 'editor', viewer: 'viewer', partner: 'partner business' },
};

export function invitationMail(locale: Locale, tenantName: string, role: StaffRole, signInUrl: string) {
  if (locale === 'en') {
    return {
      subject: `You were added to ${tenantName} on Furusato`,
      text: `You were added to ${tenantName} on Furusato as ${roleNames.en[role]}.\n\nSign in with this e-mail address:\n${signInUrl}\n`,
    };
  }
  return {
    subject: `ふるさと住民 ${tenantName}の職員として登録されました`,
    text: `ふるさと住民の${tenantName}に${roleNames.ja[role]}として登録されました。\n\nこのメールアドレスでログインしてください。\n${signInUrl}\n`,
  };
}
