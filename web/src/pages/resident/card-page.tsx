import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { type Card, useCardToken } from '../../api/cards.ts';
import { ApiError, NetworkError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { InfoNotice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { formatInstantDate } from '../../format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useOnline } from '../partner/use-online.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardArt } from './card-art.ts';
import { forgetSavedCards, saveCard, useSavedCard } from './card-offline.ts';

/** `/card/:code`: the digital member card, with a QR code of a signed token renewed before it expires. */
export function CardPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const session = useSession();
  const signedIn = session.data?.signedIn === true;
  const token = useCardToken(code, signedIn);
  const online = useOnline();
  const saved = useSavedCard(code);
  useEffect(() => {
    if (code && token.data) void saveCard(code, token.data);
  }, [code, token.data]);
  const signedOut = session.data?.signedIn === false;
  useEffect(() => {
    if (signedOut) void forgetSavedCards();
  }, [signedOut]);
  // Without a network the card last loaded here is shown, with what that means for its QR code.
  const unreachable = !online || token.error instanceof NetworkError || session.error instanceof NetworkError;
  const shown = token.data ?? (unreachable ? (saved.data?.token ?? undefined) : undefined);
  const fetchedAt = token.data ? new Date(token.dataUpdatedAt).toISOString() : saved.data?.savedAt;
  const card = shown?.card;
  usePageTitle(card ? t('resident.card.titleOf', { name: card.municipalityName }) : t('resident.card.title'));
  if (signedOut) return <Navigate to={`/sign-in?next=/card/${code ?? ''}`} replace />;

  const notRegistered = token.error instanceof ApiError && token.error.status === 404;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading>
        {card ? t('resident.card.titleOf', { name: card.municipalityName }) : t('resident.card.title')}
      </PageHeading>
      {(session.isPending || token.isPending) && !token.isError && !shown && !unreachable && (
        <p role="status">{t('resident.loading')}</p>
      )}
      {notRegistered && <InfoNotice>{t('resident.card.notRegistered')}</InfoNotice>}
      {token.isError && !notRegistered && !shown && (
        <ErrorNotice title={t('resident.card.error')} error={token.error} onRetry={() => void token.refetch()} />
      )}
      {unreachable && !shown && session.error instanceof NetworkError && (
        <ErrorNotice title={t('resident.card.error')} error={session.error} />
      )}
      {shown && (
        <>
          <p className="mb-4">{t('resident.card.lead')}</p>
          {unreachable && fetchedAt && <OfflineNote fetchedAt={fetchedAt} expiresAt={shown.expiresAt} />}
          <MemberCard card={shown.card} />
          <TokenQr token={shown.token} expiresAt={shown.expiresAt} />
          <button type="button" className="button-secondary mt-4" onClick={() => void token.refetch()}>
            {t('resident.card.refresh')}
          </button>
        </>
      )}
      <p className="mt-8">
        <Link to="/home">
          <span aria-hidden="true">← </span>
          {t('resident.card.back')}
        </Link>
      </p>
    </div>
  );
}

function MemberCard({ card }: { card: Card }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // The API groups the digits for reading ("1234 5678 …"); the picture is seeded by the digits alone.
  const digits = card.cardNumber.replace(/\D/g, '');
  const art = useMemo(() => cardArt(digits), [digits]);
  const gradientId = `card-gradient-${digits}`;
  const grouped = digits.replace(/(\d{4})(?=\d)/g, '$1 ');
  return (
    <div className="overflow-hidden rounded-16 border-2 border-solid-gray-900 bg-white shadow-2">
      <svg
        role="img"
        aria-label={t('resident.card.pattern')}
        viewBox={`0 0 ${CARD_WIDTH} ${CARD_HEIGHT}`}
        className="block h-auto w-full"
        data-card-number={digits}
      >
        <defs>
          <linearGradient id={gradientId} gradientTransform={`rotate(${art.angle} 0.5 0.5)`}>
            <stop offset="0" stopColor={`hsl(${art.hueA} 70% 45%)`} />
            <stop offset="1" stopColor={`hsl(${art.hueB} 70% 40%)`} />
          </linearGradient>
        </defs>
        <rect width={CARD_WIDTH} height={CARD_HEIGHT} fill={`url(#${gradientId})`} />
        {art.circles.map((c) => (
          <circle key={`${c.cx}-${c.cy}`} cx={c.cx} cy={c.cy} r={c.r} fill="#fff" opacity={c.opacity} />
        ))}
        {art.waves.map((w) => (
          <path key={w.d} d={w.d} fill="none" stroke="#fff" strokeWidth="3" opacity={w.opacity} />
        ))}
      </svg>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 p-5 text-std-18N-160 text-solid-gray-900">
        <dt className="font-bold">{t('resident.card.municipality')}</dt>
        <dd lang="ja">{card.municipalityName}</dd>
        <dt className="font-bold">{t('resident.card.name')}</dt>
        <dd>{card.displayName ?? t('resident.card.nameHidden')}</dd>
        <dt className="font-bold">{t('resident.card.tier')}</dt>
        <dd>{t(`resident.tier.${card.tier}`)}</dd>
        <dt className="font-bold">{t('resident.card.number')}</dt>
        <dd className="font-mono tabular-nums">{grouped}</dd>
        <dt className="font-bold">{t('resident.card.validity')}</dt>
        <dd>{card.validUntil ? formatInstantDate(card.validUntil, language) : t('resident.card.validBasic')}</dd>
      </dl>
    </div>
  );
}

function TokenQr({ token, expiresAt }: { token: string; expiresAt: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Level L keeps the modules large for a ~300-character token: easier for a shop's camera at arm's length.
    // Loaded with the card only: the QR encoder stays out of the start page's script.
    void import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(token, { errorCorrectionLevel: 'L', margin: 4, width: 640 }))
      .then((url) => {
        if (current) setImage(url);
      });
    return () => {
      current = false;
    };
  }, [token]);
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(expiresAt));
  return (
    <div className="mt-6 flex flex-col items-center gap-3" data-token={token} data-testid="card-qr">
      {image ? (
        <img
          src={image}
          alt={t('resident.card.qrAlt', { time })}
          className="aspect-square w-full max-w-80 rounded-8 border-2 border-solid-gray-900 bg-white"
        />
      ) : (
        <div className="aspect-square w-full max-w-80" />
      )}
      <p className="text-center">{t('resident.card.qrValid', { time })}</p>
    </div>
  );
}

/** Offline: when the card was fetched, and whether its QR code has expired since (checked every few seconds). */
function OfflineNote({ fetchedAt, expiresAt }: { fetchedAt: string; expiresAt: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(expiresAt));
  const at = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(fetchedAt));
  const expired = now >= new Date(expiresAt).getTime();
  return (
    <div className="mb-4" data-testid="card-offline" data-expired={expired}>
      <InfoNotice>
        <p>{t('cardOffline.offline', { at })}</p>
        <p className="font-bold">{expired ? t('cardOffline.expired', { time }) : t('cardOffline.valid', { time })}</p>
      </InfoNotice>
    </div>
  );
}
