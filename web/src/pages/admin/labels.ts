import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind } from '../../api/admin-premium.ts';
import { usePrefectures } from '../../api/municipalities.ts';
import { useLanguage } from '../../i18n/index.ts';
import { prefectureLabel } from '../../i18n/prefecture-names.ts';

const knownKinds = new Set<string>(ACTIVITY_KINDS);

function isActivityKind(kind: string): kind is ActivityKind {
  return knownKinds.has(kind);
}

/** Words for the codes the API sends: activity kinds, relationship types, tiers, prefectures, age bands. */
export function useLabels() {
  const { t } = useTranslation();
  const language = useLanguage();
  return {
    // A kind added on the server before it is named here is shown as its code, not hidden.
    activityKind: (kind: string) => (isActivityKind(kind) ? t(`admin.activityKind.${kind}`) : kind),
    relationType: (type: number) =>
      type >= 1 && type <= 4 ? t(`admin.relationType.${String(type) as '1' | '2' | '3' | '4'}`) : String(type),
    relationMark: (type: number) =>
      type >= 1 && type <= 4 ? t(`admin.relationMark.${String(type) as '1' | '2' | '3' | '4'}`) : String(type),
    tier: (tier: 'basic' | 'premium') => t(`admin.tier.${tier}`),
    prefecture: (code: string, names: ReadonlyMap<string, string>) =>
      code === '99' ? t('admin.members.abroad') : prefectureLabel(code, names.get(code) ?? code, language),
    ageBand: (band: string) =>
      band === '70+' ? t('admin.members.age70') : t('admin.members.ageBand', { decade: band.slice(0, -1) }),
  };
}

/** The prefectures' Japanese names by number (from the directory), for residence columns and filters. */
export function usePrefectureNames(): ReadonlyMap<string, string> {
  const prefectures = usePrefectures();
  return useMemo(
    () => new Map((prefectures.data ?? []).map((p) => [p.prefectureCode, p.name] as const)),
    [prefectures.data],
  );
}
