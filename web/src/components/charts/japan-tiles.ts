// A fixed tile-grid layout of Japan's 47 prefectures (JIS X 0401 codes): one square per prefecture, placed
// roughly where it lies, so every prefecture gets the same visual weight and no geodata is needed.
// Columns grow eastwards, rows southwards; Okinawa sits apart in the south-west corner as on most maps.
export interface PrefectureTile {
  code: string;
  column: number;
  row: number;
  /** Short name for the tile: 「青森」, "AOM". */
  ja: string;
  en: string;
}

const rows: Array<Array<[string, number, string, string]>> = [
  [['01', 12, '北海道', 'HOK']],
  [['02', 11, '青森', 'AOM']],
  [
    ['05', 10, '秋田', 'AKI'],
    ['03', 11, '岩手', 'IWT'],
  ],
  [
    ['06', 10, '山形', 'YGT'],
    ['04', 11, '宮城', 'MYG'],
  ],
  [
    ['17', 7, '石川', 'ISK'],
    ['16', 8, '富山', 'TYM'],
    ['15', 9, '新潟', 'NGT'],
    ['07', 10, '福島', 'FKS'],
  ],
  [
    ['32', 2, '島根', 'SMN'],
    ['31', 3, '鳥取', 'TTR'],
    ['28', 4, '兵庫', 'HYG'],
    ['26', 5, '京都', 'KYT'],
    ['25', 6, '滋賀', 'SIG'],
    ['18', 7, '福井', 'FKI'],
    ['20', 8, '長野', 'NGN'],
    ['10', 9, '群馬', 'GNM'],
    ['09', 10, '栃木', 'TCG'],
  ],
  [
    ['35', 1, '山口', 'YMG'],
    ['34', 2, '広島', 'HRS'],
    ['33', 3, '岡山', 'OKY'],
    ['27', 4, '大阪', 'OSK'],
    ['29', 5, '奈良', 'NAR'],
    ['24', 6, '三重', 'MIE'],
    ['21', 7, '岐阜', 'GIF'],
    ['19', 8, '山梨', 'YMN'],
    ['11', 9, '埼玉', 'STM'],
    ['08', 10, '茨城', 'IBR'],
  ],
  [
    ['41', 0, '佐賀', 'SAG'],
    ['40', 1, '福岡', 'FKO'],
    ['38', 3, '愛媛', 'EHM'],
    ['37', 4, '香川', 'KGW'],
    ['30', 5, '和歌山', 'WKY'],
    ['23', 7, '愛知', 'AIC'],
    ['22', 8, '静岡', 'SZO'],
    ['13', 9, '東京', 'TKY'],
    ['12', 10, '千葉', 'CHB'],
  ],
  [
    ['42', 0, '長崎', 'NGS'],
    ['43', 1, '熊本', 'KMM'],
    ['44', 2, '大分', 'OIT'],
    ['39', 3, '高知', 'KOC'],
    ['36', 4, '徳島', 'TKS'],
    ['14', 9, '神奈川', 'KNG'],
  ],
  [
    ['46', 1, '鹿児島', 'KGS'],
    ['45', 2, '宮崎', 'MYZ'],
  ],
  [['47', 0, '沖縄', 'OKN']],
];

export const prefectureTiles: PrefectureTile[] = rows.flatMap((cells, row) =>
  cells.map(([code, column, ja, en]) => ({ code, column, row, ja, en })),
);

export const TILE_COLUMNS = 13;
export const TILE_ROWS = rows.length;

/** The 47 prefecture codes in JIS order, '01'–'47'. */
export const prefectureCodes = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0'));
