import { type Executor, inTransaction } from '../../db/transaction.ts';
import { DEMO_PARTNER } from '../partners/demo-data.ts';
import { partnersOf } from '../partners/repository.ts';
import * as repository from './repository.ts';
import type { FormField } from './rules.ts';

type DemoMeasure = Partial<repository.MeasureValues> &
  Pick<repository.MeasureValues, 'kind' | 'title'> & { demoPartner?: boolean };

const DEFAULTS: Omit<repository.MeasureValues, 'kind' | 'title'> = {
  summary: '',
  description: '',
  minTier: 'basic',
  relationTypes: [],
  usage: 'repeatable',
  validFrom: '2026-04-01',
  validUntil: null,
  maxAmountYen: null,
  formFields: [],
  published: true,
};

const housingForm: FormField[] = [
  { id: 'area', label: '住まいを探している地区', type: 'text', required: true, help: '例: 唐桑、本吉、市街地' },
  { id: 'stay_plan', label: '気仙沼での滞在の予定（時期・頻度）', type: 'textarea', required: true },
  { id: 'estimated_cost', label: '住まい探しにかかる費用の見込み（円）', type: 'number', required: true },
  { id: 'has_housing_now', label: '市内にすでに滞在先がある', type: 'yes_no', required: false },
];

const teleworkForm: FormField[] = [
  { id: 'period_start', label: 'テレワークの開始予定日', type: 'date', required: true },
  { id: 'workplace', label: '利用する施設（コワーキングスペース等）', type: 'text', required: true },
  { id: 'estimated_cost', label: '対象経費の見込み額（円）', type: 'number', required: true },
  { id: 'employer_consent', label: '勤務先の了承を得ている', type: 'yes_no', required: true },
];

// Demo measures, modelled on what the municipalities' fan clubs and relocation programmes offer today.
const MEASURES: Record<string, DemoMeasure[]> = {
  '042056': [
    {
      kind: 'discount',
      title: '協力店での割引',
      summary: '会員証の提示でお会計から10%引き（一部商品を除く）',
      description: '市内の協力店で、デジタル会員証（QRコード）を提示してください。',
      demoPartner: true,
    },
    {
      kind: 'resident_rate',
      title: '気仙沼市の施設を市民料金で利用',
      summary: '市民体育館・市民会館などを市民と同じ料金で利用できます',
      description: 'プレミアム登録の方は、市の施設を住民に準ずる扱いで利用できます。窓口で会員証を提示してください。',
      minTier: 'premium',
    },
    {
      kind: 'subsidy',
      title: '二地域居住の住まい探し補助',
      summary: '住まい探しの下見にかかる交通費・宿泊費を補助（上限10万円）',
      description: '気仙沼市で二地域居住（類型④）を始める方の、住まい探しにかかる費用の一部を補助します。1人1回まで。',
      relationTypes: [4],
      usage: 'once',
      maxAmountYen: 100_000,
      formFields: housingForm,
    },
    {
      kind: 'lodging_transport',
      title: '宿泊割引',
      summary: '市内の協力宿泊施設で1泊あたり2,000円引き',
      description: '宿泊のご予約時に会員であることをお伝えのうえ、チェックイン時に会員証を提示してください。',
    },
  ],
  '072010': [
    {
      kind: 'subsidy',
      title: 'テレワーク補助',
      summary: '福島市でのテレワークにかかる経費の3/4を補助（上限30万円）',
      description:
        'ふくしまファンクラブの会員向け制度を参考にした補助です。市内のコワーキングスペース等でテレワークを行う方の' +
        '交通費・施設利用料などの4分の3（上限300,000円）を補助します。',
      maxAmountYen: 300_000,
      formFields: teleworkForm,
    },
  ],
};

export async function seedDemoMeasures(db: Executor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { items } = await partnersOf(trx, DEMO_PARTNER.municipalityCode, { limit: 100, offset: 0 });
    const partner = items.find((p) => p.name === DEMO_PARTNER.name);
    for (const [code, measures] of Object.entries(MEASURES)) {
      for (const { demoPartner, ...measure } of measures) {
        const id = await repository.insertMeasure(trx, code, { ...DEFAULTS, ...measure }, null);
        if (demoPartner && partner && code === DEMO_PARTNER.municipalityCode) {
          await repository.replaceMeasurePartners(trx, code, id, [partner.id]);
        }
      }
    }
  });
}
