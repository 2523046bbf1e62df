import type { Messages } from './ja.ts';

export const en: Messages = {
  app: {
    name: 'Furusato Resident',
    tagline: 'The national platform for furusato resident registration',
    titleSuffix: 'Furusato Resident',
    skipToContent: 'Skip to main content',
    primaryNav: 'Main menu',
    footerNav: 'Footer menu',
    footerNote: 'The national common platform for furusato resident registration (trial version)',
    apiDocs: 'API reference',
  },
  nav: {
    home: 'Home',
    municipalities: 'Find a municipality',
  },
  language: {
    label: 'Language',
    switchTo: '日本語',
    switchToLabel: '日本語に切り替える',
  },
  home: {
    title: 'Welcome to Furusato Resident',
    lead: 'Wherever you live, you can become a “furusato resident” of the towns you love and want to support.',
    whatTitle: 'What is a furusato resident?',
    what1:
      'The town you grew up in, a town you fell for on a trip, a town you supported with a hometown tax donation (furusato nozei): anyone who wants to stay connected with a town can register from the app as one of its furusato residents.',
    what2:
      'Once registered, you receive news from the town, can take part in local activities as a helper, and can use support measures such as discounts at partner shops.',
    what3:
      'Towns, in turn, can see how many people are connected with them and how, and meet people who want to help build the community.',
    startTitle: 'Start by finding a municipality',
    startText:
      'Search all prefectures, cities, towns and villages in Japan by name or reading. Participating municipalities show the date they joined.',
    startLink: 'Find a municipality',
  },
  search: {
    title: 'Find a municipality',
    lead: 'Type the first characters of the name or its reading (for example “けせんぬま” or “気仙沼”).',
    queryLabel: 'Municipality name or reading',
    queryHint: 'Hiragana, katakana and kanji all work.',
    prefectureLabel: 'Prefecture',
    allPrefectures: 'All prefectures',
    submit: 'Search',
    loading: 'Searching…',
    resultsHeading: 'Results',
    announce_one: '{{count}} municipality found',
    announce_other: '{{count}} municipalities found',
    range: '{{from}}–{{to}} of {{total}}',
    emptyTitle: 'No municipality matches your search',
    emptyHelp:
      'Check the spelling, or search with only the first few characters of the name. Set the prefecture back to “All prefectures” to search the whole country.',
    errorTitle: 'The search did not work',
    pagination: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: 'Page {{page}} of {{pages}}',
    code: 'Code',
    prefecture: 'Prefecture',
    participation: 'Participation',
  },
  participation: {
    participating: 'Participating since {{date}}',
    scheduled: 'Joins on {{date}}',
    notParticipating: 'Not participating',
  },
  municipality: {
    titleFallback: 'Municipality details',
    loading: 'Loading…',
    errorTitle: 'This municipality cannot be shown',
    kana: 'Reading',
    code: 'Local government code',
    prefecture: 'Prefecture',
    kind: 'Kind',
    parent: 'City',
    joinedAt: 'Participation',
    feeStatus: 'Platform fee',
    modelType: 'Model project type',
    modelNone: 'None',
    backToSearch: 'Back to the municipality search',
  },
  kind: {
    prefecture: 'Prefecture',
    municipality: 'City, town or village',
    ward: 'Ward of a designated city',
  },
  fee: {
    not_participating: 'Not applicable (not participating)',
    exempt: 'Exempt (joined by fiscal 2027)',
    pending_decision: 'To be decided',
  },
  model: {
    A: 'A (early adopter)',
    B: 'B (later adopter)',
    C: 'C (region-wide)',
  },
  errors: {
    network: 'Could not reach the server. Check your connection and try again.',
    unexpected: 'Something unexpected went wrong. Please try again later.',
    retry: 'Try again',
  },
  notFound: {
    title: 'Page not found',
    text: 'The page you are looking for may have moved or been removed, or the address may be wrong.',
    home: 'Back to the home page',
  },
};
