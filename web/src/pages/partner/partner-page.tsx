import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import {
  cardNumberOf,
  checkCard,
  type PartnerIdentity,
  type RecordOutcome,
  recordUse,
  type ScanCheck,
  useCardKeys,
  usePartnerIdentity,
  usePartnerMeasures,
} from '../../api/partner.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { InfoNotice, SuccessNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QrScanner } from '../../components/qr-scanner/qr-scanner.tsx';
import { formatDateTime } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { Section } from '../account/section.tsx';
import { QueuedUses } from './queued-uses.tsx';
import { ScanResult } from './scan-result.tsx';
import { useOnline } from './use-online.ts';

/** `/partner`: a partner business checks member cards and records uses, with or without a network. */
export function PartnerPage() {
  const { t } = useTranslation();
  usePageTitle(t('partner.title'));
  const identity = usePartnerIdentity();
  if (identity.error instanceof ApiError && identity.error.status === 401) {
    return <Navigate to="/sign-in?next=/partner" replace />;
  }
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading>{t('partner.title')}</PageHeading>
      {identity.isPending && <p role="status">{t('partner.loading')}</p>}
      {identity.isError && (
        <ErrorNotice title={t('partner.loadError')} error={identity.error} onRetry={() => void identity.refetch()} />
      )}
      {identity.data === null && (
        <InfoNotice>
          {t('partner.notPartner')} <Link to="/account">{t('partner.toAccount')}</Link>
        </InfoNotice>
      )}
      {identity.data && <Scanner identity={identity.data} />}
    </div>
  );
}

// A counter honours one measure most of the day: the choice outlives a reload of the page.
const MEASURE_KEY = 'furusato.partner.measure';

function rememberedMeasure(partnerId: string): string {
  try {
    const saved = JSON.parse(localStorage.getItem(MEASURE_KEY) ?? '{}') as Record<string, unknown>;
    const measureId = saved[partnerId];
    return typeof measureId === 'string' ? measureId : '';
  } catch {
    return '';
  }
}

function rememberMeasure(partnerId: string, measureId: string): void {
  try {
    localStorage.setItem(MEASURE_KEY, JSON.stringify({ [partnerId]: measureId }));
  } catch {
    // Storage blocked: the choice holds until the page is left.
  }
}

interface Scan {
  token: string;
  check: ScanCheck;
  scannedAt: string;
  /** Made once per scan: pressing "record" twice, or a lost answer re-sent, still counts one use. */
  clientUseId: string;
}

function Scanner({ identity }: { identity: PartnerIdentity }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const online = useOnline();
  const queryClient = useQueryClient();
  const keys = useCardKeys();
  const measures = usePartnerMeasures(identity.municipality, identity.partnerId);
  const measureId = useId();
  const [chosen, setChosen] = useState(() => rememberedMeasure(identity.partnerId));
  const [scan, setScan] = useState<Scan | null>(null);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);
  const list = measures.data ?? [];
  const measure = list.find((m) => m.id === chosen) ?? (list.length === 1 ? list[0] : undefined);

  const record = useMutation({
    // Without a network the use is kept on the device: the mutation must run, not wait for the network.
    networkMode: 'always',
    mutationFn: (input: { scan: Scan; measureId: string; measureTitle: string }) =>
      recordUse({
        clientUseId: input.scan.clientUseId,
        municipality: identity.municipality,
        measureId: input.measureId,
        measureTitle: input.measureTitle,
        token: input.scan.token,
        cardNumber: input.scan.check.status === 'valid' ? cardNumberOf(input.scan.check.claims.sub) : '',
        scannedAt: input.scan.scannedAt,
      }),
    onSuccess: (result) => {
      setOutcome(result);
      if (result.kind === 'queued') void queryClient.invalidateQueries({ queryKey: ['partner-queue'] });
    },
  });

  const onScan = async (token: string) => {
    const scannedAt = new Date();
    record.reset();
    setOutcome(null);
    const check = await checkCard(token, identity.municipality, scannedAt);
    setScan({ token, check, scannedAt: scannedAt.toISOString(), clientUseId: crypto.randomUUID() });
    void queryClient.invalidateQueries({ queryKey: ['card-keys'] });
  };

  return (
    <div className="flex flex-col gap-10">
      <div>
        <p className="text-std-18B-160">{identity.partnerName}</p>
        <p role="status" className="mt-1">
          {online ? t('partner.online') : t('partner.offline')}
          {t('app.listSeparator')}
          {keys.data
            ? t('partner.keysSaved', { at: formatDateTime(keys.data.savedAt, language) })
            : t('partner.keysMissing')}
        </p>
      </div>

      <Section title={t('partner.scan.title')}>
        {measures.isError && (
          <ErrorNotice
            title={t('partner.scan.measuresError')}
            error={measures.error}
            onRetry={() => void measures.refetch()}
            headingLevel={3}
          />
        )}
        {measures.data && list.length === 0 && <InfoNotice>{t('partner.scan.noMeasures')}</InfoNotice>}
        {list.length > 0 && (
          <div className="mb-6">
            <label htmlFor={measureId} className="block text-std-16B-170">
              {t('partner.scan.measure')}
            </label>
            <select
              id={measureId}
              className="field mt-2 appearance-auto"
              value={measure?.id ?? ''}
              onChange={(event) => {
                setChosen(event.target.value);
                rememberMeasure(identity.partnerId, event.target.value);
              }}
            >
              {list.length > 1 && <option value="">{t('partner.scan.chooseMeasure')}</option>}
              {list.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                  {m.usage === 'once' ? ` ${t('partner.scan.once')}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <QrScanner onScan={(token) => void onScan(token)} />
      </Section>

      {scan && (
        <Section title={t('partner.result.title')}>
          <div className="flex flex-col gap-4">
            <ScanResult check={scan.check} />
            {scan.check.status === 'valid' && measure && !outcome && (
              <div>
                <button
                  type="button"
                  className="button-primary"
                  aria-disabled={record.isPending}
                  onClick={() => {
                    if (!record.isPending) record.mutate({ scan, measureId: measure.id, measureTitle: measure.title });
                  }}
                >
                  {t('partner.record.submit', { title: measure.title })}
                </button>
              </div>
            )}
            {scan.check.status === 'valid' && !measure && list.length > 0 && <p>{t('partner.record.chooseFirst')}</p>}
            {outcome?.kind === 'recorded' && <SuccessNotice>{t('partner.record.done')}</SuccessNotice>}
            {outcome?.kind === 'queued' && <SuccessNotice>{t('partner.record.queued')}</SuccessNotice>}
            {record.isError && <ErrorNotice title={t('partner.record.error')} error={record.error} headingLevel={3} />}
          </div>
        </Section>
      )}

      <QueuedUses online={online} />
    </div>
  );
}
