import type { openStatisticsJa } from './open-statistics.ja.ts';

export const openStatisticsEn: typeof openStatisticsJa = {
  openStatistics: {
    title: 'Open statistics',
    lead: 'Furusato registrations, published as anonymous totals that identify no one. No sign-in needed.',
    suppressionNote:
      'Counts from 1 to {{threshold}} − 1 are shown as “suppressed”. Other cells may be suppressed too, so that no suppressed count can be worked out from the totals. Totals are the exact figures.',
    scopeNote:
      'Registrations with municipalities are counted (each registration once); prefecture registrations are not.',
    asOf: 'As of {{time}}',
    tableLabel: 'Table',
    tables: {
      prefectures: 'By prefecture',
      municipalities: 'By municipality',
      residence: 'By where registrants live',
      months: 'At the end of each month',
    },
    prefectureLabel: 'Prefecture',
    wholeCountry: 'All of Japan',
    choosePrefecture: 'Choose a prefecture',
    breakdownLabel: 'Broken down by',
    breakdowns: { tier: 'Tier', 'relation-type': 'Relationship type' },
    columns: {
      basic: 'Basic',
      premium: 'Premium',
      '1': '1 Contributes without visiting',
      '2': '2 Visits a few times a year',
      '3': '3 Helps regularly',
      '4': '4 Lives in two places',
    },
    rowHeadings: {
      prefectures: 'Prefecture',
      municipalities: 'Municipality',
      residence: 'Lives in',
      months: 'Month',
    },
    total: 'Total',
    suppressed: 'suppressed',
    suppressedCount: 'Suppressed cells: {{count}}',
    typeNote: 'A registration can hold several types, so the counts by type do not add up to the registrations.',
    caption: '{{table}} ({{area}})',
    download: 'Download CSV',
    mapTitle: 'Registrations by prefecture',
    mapValue: 'Registrations',
    mapNote: 'A suppressed prefecture is drawn as 0 on the map.',
    loadError: 'The statistics could not be loaded',
  },
};
