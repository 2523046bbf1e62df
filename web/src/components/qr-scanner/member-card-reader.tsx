import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkCard, type ScanCheck } from '../../api/partner.ts';
import { ScanResult } from '../../pages/partner/scan-result.tsx';
import { QrScanner } from './qr-scanner.tsx';

/**
 * Reads a member card of `municipality` and hands over its member id once the signature, the municipality and
 * the expiry are checked (with the platform's published keys, the same check a partner's scanner runs).
 */
export function MemberCardReader({
  municipality,
  onMember,
}: {
  municipality: string;
  onMember: (memberId: string) => void;
}) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState<ScanCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const onScan = async (token: string) => {
    setChecking(true);
    setRefused(null);
    try {
      const check = await checkCard(token, municipality);
      if (check.status === 'valid') onMember(check.claims.sub);
      else setRefused(check);
    } finally {
      setChecking(false);
    }
  };
  return (
    <div className="mb-6 flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
      <h3 className="text-std-18B-160">{t('scanner.checkIn.heading')}</h3>
      <p>{t('scanner.checkIn.lead')}</p>
      <QrScanner onScan={(token) => void onScan(token)} />
      {checking && <p role="status">{t('scanner.checkIn.checking')}</p>}
      {refused && <ScanResult check={refused} />}
    </div>
  );
}
