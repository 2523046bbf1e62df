import { type Executor, inTransaction } from '../../db/transaction.ts';
import { type ActivityKind, jstDay } from '../registrations/rules.ts';
import * as applicationRepository from './application-repository.ts';
import * as repository from './repository.ts';
import { pairAnswers } from './rules.ts';
import * as sessionRepository from './session-repository.ts';

// Demo only: helper opportunities the three demo municipalities are recruiting for, all in the weeks
// after the seed time, and a few applications from demo registrants of 気仙沼市.

const DAY = 86_400_000;

interface DemoOpportunity {
  municipalityCode: string;
  kind: ActivityKind;
  title: string;
  description: string;
  place: string;
  online?: boolean;
  capacity: number;
  minTier?: 'basic' | 'premium';
  identityRequired?: boolean;
  relationTypes?: number[];
  questions?: string[];
  /** Co-hosting municipalities of a joint (広域型) opportunity. */
  coHosts?: string[];
  /** Days after the seed day, local start time (JST) and length in hours. */
  sessions: [days: number, start: string, hours: number][];
  /** Demo applicants: how many apply, and how many of them are accepted. */
  applicants?: { applied: number; accepted: number; answers: string[]; message?: string };
}

export const DEMO_OPPORTUNITIES: DemoOpportunity[] = [
  {
    municipalityCode: '042056',
    kind: 'volunteer',
    title: '牡蠣養殖の手伝い（唐桑半島）',
    description:
      '唐桑の海で育つ牡蠣の養殖作業をお手伝いいただきます。種牡蠣をロープにはさむ作業、いかだの手入れ、出荷前の殻の掃除などを、漁師さんの指導のもとで行います。\n\n' +
      '経験は問いません。汚れてもよい服装、長靴、雨具、軍手をご持参ください。作業後は浜で漁師さんと昼食をご一緒します（昼食代は不要です）。\n' +
      '集合: 唐桑町 舞根地区の漁港（駐車場あり）。気仙沼駅からの送迎を希望する方は回答欄にご記入ください。',
    place: '気仙沼市唐桑町 舞根地区の漁港',
    capacity: 6,
    questions: ['漁業・農業などの体験があれば教えてください', '当日の移動手段（車・気仙沼駅からの送迎希望など）'],
    sessions: [
      [12, '07:00', 5],
      [13, '07:00', 5],
      [19, '07:00', 5],
    ],
    applicants: {
      applied: 5,
      accepted: 3,
      answers: ['学生時代に実家の畑を手伝っていました', '気仙沼駅からの送迎を希望します'],
      message: '採用のご連絡です。当日は6時50分までに漁港の作業小屋前にお越しください。雨天でも実施します。',
    },
  },
  {
    municipalityCode: '042056',
    kind: 'event_help',
    title: '気仙沼みなとまつり 運営ボランティア',
    description:
      '夏の「気仙沼みなとまつり」の運営を一緒に支えてくださる方を募集します。会場案内、ごみの分別回収、子ども向けブースの補助などを担当していただきます。\n\n' +
      '1日だけの参加も歓迎です。スタッフTシャツと飲み物を用意します。夜の部は海上うんづら（打ち上げ花火）終了後の片付けまでとなります。',
    place: '気仙沼市 内湾地区（南町海岸一帯）',
    capacity: 40,
    questions: ['希望する担当（会場案内・ごみ分別・子ども向けブース）'],
    sessions: [
      [30, '16:00', 6],
      [31, '09:00', 12],
    ],
    applicants: {
      applied: 4,
      accepted: 1,
      answers: ['ごみ分別を希望します'],
    },
  },
  {
    municipalityCode: '042056',
    kind: 'side_job',
    title: '水産加工会社の副業人材（EC運営・商品ページ制作）',
    description:
      'ふかひれ・さんま加工品を製造する市内の水産加工会社が、オンラインショップの運営と商品ページ制作を手伝ってくださる副業人材を募集します。\n\n' +
      '基本はリモートでの業務（月20時間程度、報酬あり）です。初回はオンラインで会社の紹介と業務内容の打合せを行い、その後、希望者は加工場の見学にお越しいただけます。' +
      '契約は企業と個人の業務委託契約となるため、本人確認済みの方が対象です。',
    place: 'オンライン（Zoom）／気仙沼市 魚市場前の加工場',
    online: true,
    capacity: 3,
    identityRequired: true,
    questions: ['これまでの職務経験（EC運営・デザイン・撮影・経理など）', '月あたりに稼働できる時間の目安'],
    sessions: [[14, '19:00', 2]],
  },
  {
    municipalityCode: '042056',
    kind: 'community_cooperator',
    title: '地域おこし協力隊 募集（水産・観光分野）現地見学会',
    description:
      '気仙沼市では、水産業と観光をつなぐ仕事に取り組む地域おこし協力隊を募集しています。任期は最長3年、市の会計年度任用職員として着任していただきます。\n\n' +
      '応募を考えている方向けに、活動先の事業者訪問と現役隊員との座談会を行う現地見学会を開きます。見学会への参加は選考の必須条件ではありません。' +
      '住民票の異動が必要となるため、気仙沼市以外にお住まいの方が対象です。',
    place: '気仙沼市役所 ワンテン庁舎（気仙沼市八日町）',
    capacity: 5,
    identityRequired: true,
    relationTypes: [2, 3, 4],
    questions: ['協力隊を志望する理由', '着任を希望する時期'],
    sessions: [[21, '13:00', 3]],
  },
  {
    municipalityCode: '042056',
    kind: 'fieldwork',
    title: '大学フィールドワーク受け入れ（大島の漁村と観光の調査）',
    description:
      '気仙沼大島で、漁村の暮らしと観光の変化をテーマにした大学生のフィールドワークを受け入れます。地域の方への聞き取り、観光客の動きの調査、成果報告会までを3日間で行います。\n\n' +
      'ゼミ単位での参加も歓迎します。宿泊は島内の民宿を紹介します（費用は各自負担）。',
    place: '気仙沼市 大島（大島ウェルカム・ターミナル集合）',
    capacity: 15,
    questions: ['大学名・学部・指導教員', '調査したいテーマ'],
    sessions: [
      [40, '09:00', 8],
      [41, '09:00', 8],
      [42, '09:00', 6],
    ],
    applicants: {
      applied: 2,
      accepted: 0,
      answers: ['東北地方の大学 社会学部（地域社会学ゼミ）', '観光客の回遊と漁業の担い手の関係'],
    },
  },
  {
    municipalityCode: '042056',
    kind: 'volunteer',
    title: 'プレミアム登録者向け：大島の海岸清掃と海洋ごみ調査',
    description:
      '小田の浜海水浴場周辺の海岸清掃と、漂着ごみの種類を記録する簡単な調査を行います。調査結果は市の海洋ごみ対策に活用します。\n\n' +
      '継続して関わってくださるプレミアム登録者の方を対象とした活動です。',
    place: '気仙沼市 大島 小田の浜',
    capacity: 10,
    minTier: 'premium',
    sessions: [[25, '09:00', 3]],
  },
  {
    municipalityCode: '072010',
    kind: 'working_holiday',
    title: '果樹園の桃の収穫・出荷作業（ワーキングホリデー）',
    description:
      '福島市の果樹園で、桃の収穫と選果・箱詰めの作業を手伝っていただきます。日当と農家民宿での宿泊を用意します。\n\n' +
      '朝が早い作業です。帽子・長袖・飲み物をご持参ください。',
    place: '福島市 飯坂町の果樹園',
    capacity: 8,
    questions: ['参加できる日数'],
    sessions: [
      [20, '06:30', 8],
      [21, '06:30', 8],
    ],
  },
  {
    municipalityCode: '072010',
    kind: 'event_help',
    title: '福島わらじまつり 運営ボランティア',
    description:
      '大わらじを担いで練り歩く「福島わらじまつり」の運営ボランティアを募集します。観覧場所の案内、救護所の補助、ごみの回収などを担当していただきます。',
    place: '福島市 国道13号（パセオ通り周辺）',
    capacity: 30,
    sessions: [[35, '15:00', 6]],
  },
  {
    municipalityCode: '152226',
    kind: 'volunteer',
    title: '中ノ俣の棚田の草刈りと水路の清掃',
    description:
      '上越市中ノ俣の棚田を守るため、畦の草刈りと用水路の泥上げを地域の方と一緒に行います。草刈り機の経験がない方には鎌での作業をお願いします。\n\n' +
      '昼食は集落の方が用意するおにぎりと豚汁です。',
    place: '上越市 中ノ俣集落（集落センター集合）',
    capacity: 12,
    sessions: [[18, '08:30', 6]],
  },
  {
    municipalityCode: '152226',
    kind: 'disaster_volunteer',
    title: '災害ボランティアセンター運営訓練',
    description:
      '大雨や地震の際に開設する災害ボランティアセンターの受付・マッチング・資材の貸し出しを、実際の流れに沿って訓練します。' +
      '訓練に参加した方には、災害時にボランティアとして協力いただけるか改めてご連絡します。',
    place: '上越市 総合体育館',
    capacity: 25,
    sessions: [[27, '09:30', 6]],
  },
  {
    // 広域型: the prefecture recruits together with 福島市.
    municipalityCode: '070009',
    coHosts: ['072010'],
    kind: 'event_help',
    title: '吾妻山麓の桃の収穫祭 運営ボランティア（福島県・福島市 共同募集）',
    description:
      '福島県と福島市が共同で開く収穫祭の運営を手伝っていただきます。受付、駐車場の案内、試食ブースの補助などを担当します。\n\n' +
      '福島県または福島市のふるさと住民の方が応募できます。参加は、登録している市町村それぞれの担い手活動として記録されます。',
    place: '福島市 吾妻地区 あづま果樹園通り',
    capacity: 20,
    sessions: [[20, '09:00', 7]],
  },
];

function sessionTimes(now: Date, [days, start, hours]: [number, string, number]) {
  const startsAt = new Date(`${jstDay(new Date(now.getTime() + days * DAY))}T${start}:00+09:00`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000) };
}

export async function seedDemoOpportunities(db: Executor, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const wanted = DEMO_OPPORTUNITIES.reduce((n, o) => n + (o.applicants?.applied ?? 0), 0);
    // Different people for each opportunity, so the demo shows many applicants rather than the same few.
    const people = await repository.demoRegistrants(trx, '042056', wanted);
    let next = 0;
    for (const o of DEMO_OPPORTUNITIES) {
      const id = await repository.insertOpportunity(
        trx,
        o.municipalityCode,
        {
          kind: o.kind,
          title: o.title,
          description: o.description,
          place: o.place,
          online: o.online ?? false,
          capacity: o.capacity,
          minTier: o.minTier ?? 'basic',
          identityRequired: o.identityRequired ?? false,
          relationTypes: o.relationTypes ?? [],
          questions: o.questions ?? [],
          coHosts: o.coHosts ?? [],
          status: 'open',
        },
        null,
        now,
      );
      await sessionRepository.insertSessions(
        trx,
        o.municipalityCode,
        id,
        o.sessions.map((s) => sessionTimes(now, s)),
      );
      if (!o.applicants || o.municipalityCode !== '042056') continue;
      const answers = pairAnswers(o.questions ?? [], o.applicants.answers) ?? [];
      for (let i = 0; i < o.applicants.applied; i++) {
        const personId = people[next++];
        if (!personId) return;
        const applicationId = await applicationRepository.insertApplication(trx, {
          municipalityCode: o.municipalityCode,
          opportunityId: id,
          personId,
          answers,
          now: new Date(now.getTime() - (o.applicants.applied - i) * 3_600_000),
        });
        if (!applicationId || i >= o.applicants.accepted) continue;
        await applicationRepository.setApplicationStatus(trx, o.municipalityCode, applicationId, {
          status: 'accepted',
          now,
        });
        if (o.applicants.message) {
          await applicationRepository.insertMessage(trx, {
            municipalityCode: o.municipalityCode,
            applicationId,
            body: o.applicants.message,
            sentBy: null,
            now,
          });
        }
      }
    }
  });
}
