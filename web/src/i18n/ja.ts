// The Japanese messages are the reference: en.ts must have exactly the same keys (see locales.test.ts).
export const ja = {
  app: {
    name: 'ふるさと住民',
    tagline: 'ふるさと住民登録制度 全国共通プラットフォーム',
    titleSuffix: 'ふるさと住民',
    skipToContent: '本文へ移動',
    primaryNav: 'メインメニュー',
    footerNav: 'フッターメニュー',
    footerNote: 'ふるさと住民登録制度の全国共通プラットフォーム（試行版）',
    apiDocs: 'API仕様',
  },
  nav: {
    home: 'ホーム',
    municipalities: '自治体をさがす',
  },
  language: {
    label: '言語',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
  },
  home: {
    title: 'ふるさと住民へようこそ',
    lead: '住んでいる場所に関わらず、好きなまち・応援したいまちの「ふるさと住民」になれる仕組みです。',
    whatTitle: 'ふるさと住民とは',
    what1:
      '生まれ育ったまち、旅先で好きになったまち、ふるさと納税をしたまち。そのまちと関わりたい人は、だれでもアプリから「ふるさと住民」として登録できます。',
    what2:
      '登録すると、まちからのお知らせを受け取ったり、地域の活動に担い手として参加したり、協力店などのサポートを受けたりできます。',
    what3:
      'まちにとっては、どれだけの人がどのように関わってくれているかが見えるようになり、地域づくりの仲間と出会うきっかけになります。',
    startTitle: 'まずは自治体をさがしてみましょう',
    startText: '名前や読みがなで、全国の都道府県・市区町村をさがせます。参加している自治体には参加日が表示されます。',
    startLink: '自治体をさがす',
  },
  search: {
    title: '自治体をさがす',
    lead: '名前または読みがなの最初の文字で検索できます（例: 「けせんぬま」「気仙沼」）。',
    queryLabel: '自治体名または読みがな',
    queryHint: 'ひらがな・カタカナ・漢字のどれでも検索できます。',
    prefectureLabel: '都道府県',
    allPrefectures: 'すべての都道府県',
    submit: '検索',
    loading: '検索中…',
    resultsHeading: '検索結果',
    announce_one: '{{count}}件の自治体が見つかりました',
    announce_other: '{{count}}件の自治体が見つかりました',
    range: '{{total}}件中 {{from}}–{{to}}件目',
    emptyTitle: '該当する自治体が見つかりませんでした',
    emptyHelp:
      '文字の間違いがないか確認するか、名前の最初の数文字だけで検索してください。都道府県を「すべての都道府県」に戻すと、全国からさがせます。',
    errorTitle: '検索できませんでした',
    pagination: 'ページ送り',
    previous: '前のページ',
    next: '次のページ',
    pageOf: '{{page}} / {{pages}}ページ',
    code: '自治体コード',
    prefecture: '都道府県',
    participation: '参加状況',
  },
  participation: {
    participating: '参加中（{{date}}から）',
    scheduled: '参加予定（{{date}}から）',
    notParticipating: '未参加',
  },
  municipality: {
    titleFallback: '自治体の詳細',
    loading: '読み込み中…',
    errorTitle: '自治体を表示できません',
    kana: '読みがな',
    code: '自治体コード',
    prefecture: '都道府県',
    kind: '区分',
    parent: '所属する市',
    joinedAt: '参加状況',
    feeStatus: '利用料',
    modelType: 'モデル事業の類型',
    modelNone: '対象外',
    backToSearch: '自治体の検索にもどる',
  },
  kind: {
    prefecture: '都道府県',
    municipality: '市区町村',
    ward: '政令指定都市の区',
  },
  fee: {
    not_participating: '未参加のため対象外',
    exempt: '免除（令和9年度までに参加）',
    pending_decision: '負担のあり方は今後検討',
  },
  model: {
    A: 'A（先行型）',
    B: 'B（後発型）',
    C: 'C（広域型）',
  },
  errors: {
    network: 'サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。',
    unexpected: '予期しないエラーが発生しました。時間をおいて再度お試しください。',
    retry: 'もう一度試す',
  },
  notFound: {
    title: 'ページが見つかりません',
    text: 'お探しのページは移動または削除されたか、URLが間違っている可能性があります。',
    home: 'ホームへもどる',
  },
};

export type Messages = typeof ja;
