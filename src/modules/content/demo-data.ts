import sharp from 'sharp';
import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { processImage } from './images.ts';
import { renderMarkdown } from './markdown.ts';
import * as repository from './repository.ts';
import { type Audience, excerptOf } from './rules.ts';

// Demo only: profiles and posts for the demo municipalities, so the public pages, the resident feed and
// the staff console have something to show. Photos are drawn here (colour gradients) rather than shipped
// as binaries; they go through the same processing as an upload.

const DAY = 24 * 3_600_000;

type Rgb = [number, number, number];

/** A vertical gradient with a horizon line: sky over sea, dusk over fields — enough to look like a photo slot. */
async function gradientPng(top: Rgb, horizon: Rgb, bottom: Rgb): Promise<Buffer> {
  const width = 640;
  const height = 400;
  const pixels = Buffer.alloc(width * height * 3);
  const horizonY = Math.round(height * 0.55);
  for (let y = 0; y < height; y++) {
    const [from, to, t] =
      y < horizonY ? [top, horizon, y / horizonY] : [horizon, bottom, (y - horizonY) / (height - horizonY)];
    const row = from.map((c, i) => Math.round(c + ((to[i] as number) - c) * t));
    for (let x = 0; x < width; x++) pixels.set(row, (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

async function demoImage(db: Executor, tenant: string, colours: [Rgb, Rgb, Rgb]): Promise<string> {
  const image = await processImage(await gradientPng(...colours));
  const row = await repository.insertImage(db, {
    tenant,
    width: image.full.width,
    height: image.full.height,
    bytes: image.full.bytes,
    thumbnail: image.thumbnail.bytes,
    uploadedBy: null,
  });
  return row.id;
}

const SEA: [Rgb, Rgb, Rgb] = [
  [150, 200, 235],
  [235, 240, 245],
  [20, 70, 120],
];
const DUSK: [Rgb, Rgb, Rgb] = [
  [250, 170, 90],
  [255, 225, 170],
  [40, 60, 90],
];
const ORCHARD: [Rgb, Rgb, Rgb] = [
  [170, 215, 245],
  [245, 200, 210],
  [70, 130, 60],
];
const SNOW: [Rgb, Rgb, Rgb] = [
  [120, 160, 210],
  [250, 250, 255],
  [215, 225, 235],
];

interface DemoProfile {
  code: string;
  introduction: string;
  photos: { colours: [Rgb, Rgb, Rgb]; alt: string }[];
  website: string;
  furusatoNozei: string | null;
  fanClub: string | null;
  contact: { department: string; phone: string; email: string };
  welcomed: number[];
}

const PROFILES: DemoProfile[] = [
  {
    code: '042056',
    introduction: [
      '## 海と生きるまち、気仙沼へようこそ',
      '宮城県の北東端、リアス海岸に抱かれた港町です。生鮮カツオの水揚げは長年にわたり日本一、サンマやメカジキ、フカヒレでも知られ、朝の魚市場には全国から漁船が集まります。',
      '東日本大震災から立ち上がる歩みは、全国の皆さんに支えられてきました。気仙沼大島や唐桑半島の海、港の朝市、漁師町の人の温かさを、これからも一緒に味わってください。',
      '**ふるさと住民として、こんな関わり方を歓迎しています**',
      '- 遠くからの応援（ふるさと納税、気仙沼の産品の購入）',
      '- みなとまつり・海の清掃などへの参加',
      '- 漁業・水産加工の繁忙期のお手伝い、二地域居住',
    ].join('\n\n'),
    photos: [
      { colours: SEA, alt: '朝の気仙沼港に並ぶ漁船（イメージ）' },
      { colours: DUSK, alt: '夕暮れの気仙沼大島と大島大橋（イメージ）' },
      { colours: SEA, alt: '唐桑半島の巨釜・半造の海岸（イメージ）' },
    ],
    website: 'https://www.kesennuma.miyagi.jp/',
    furusatoNozei: 'https://www.furusato-tax.jp/city/info/04205',
    fanClub: 'https://fanclub.kesennuma.example.jp/',
    contact: {
      department: '震災復興・企画課 ふるさと住民担当',
      phone: '0226-22-6600',
      email: 'furusato@kesennuma.example.jp',
    },
    welcomed: [1, 2, 3, 4],
  },
  {
    code: '072010',
    introduction: [
      '## くだもの王国・福島市',
      '吾妻連峰のふもと、盆地に広がる果樹園では、春の花見山から夏のもも、秋のなし・りんごまで季節ごとに実りが続きます。飯坂・土湯・高湯の三つの温泉地もあり、何度訪れても新しい楽しみがあります。',
      '収穫期のお手伝いや、果樹園を守る担い手として関わってくださる方を歓迎しています。',
    ].join('\n\n'),
    photos: [{ colours: ORCHARD, alt: '花見山公園の春（イメージ）' }],
    website: 'https://www.city.fukushima.fukushima.jp/',
    furusatoNozei: null,
    fanClub: null,
    contact: {
      department: '政策調整部 ふるさと住民担当',
      phone: '024-535-1111',
      email: 'furusato@fukushima.example.jp',
    },
    welcomed: [2, 3],
  },
  {
    code: '152226',
    introduction: [
      '## 雪と桜と歴史のまち、上越市',
      '上杉謙信公ゆかりの春日山城跡、日本三大夜桜に数えられる高田城址公園の観桜会、そして日本スキー発祥の地・金谷山。日本海の直江津港から妙高の山々まで、海と山の恵みがそろっています。',
      '雪国の暮らしを支える除雪ボランティアや、二地域居住での関わりも大歓迎です。',
    ].join('\n\n'),
    photos: [{ colours: SNOW, alt: '雪の金谷山（イメージ）' }],
    website: 'https://www.city.joetsu.niigata.jp/',
    furusatoNozei: null,
    fanClub: null,
    contact: { department: '企画政策課 ふるさと住民担当', phone: '025-526-5111', email: 'furusato@joetsu.example.jp' },
    welcomed: [1, 2, 4],
  },
];

interface DemoPost {
  code: string;
  title: string;
  body: string;
  audience: Audience;
  /** Days from now; null for a draft. */
  publishInDays: number | null;
  pinned?: boolean;
  cover?: { colours: [Rgb, Rgb, Rgb]; alt: string };
}

const POSTS: DemoPost[] = [
  {
    code: '042056',
    title: '気仙沼市のふるさと住民登録が始まりました',
    body: [
      'ふるさと住民として登録してくださった皆さん、ありがとうございます。',
      'このページでは、市からのお知らせ、イベント、お手伝いの募集をお届けします。登録の内容（関わり方の類型）はいつでもアプリから変更できます。',
      '市の公式サイト: https://www.kesennuma.miyagi.jp/',
    ].join('\n\n'),
    audience: { kind: 'all' },
    publishInDays: -20,
    pinned: true,
    cover: { colours: SEA, alt: '気仙沼港の朝（イメージ）' },
  },
  {
    code: '042056',
    title: '生鮮カツオの水揚げ、今年も日本一を目指して',
    body: [
      '初ガツオの水揚げが始まり、魚市場は朝から活気にあふれています。',
      '市内の鮮魚店・飲食店では、**カツオの刺身** や **カツオ丼** が味わえます。お越しの際はぜひお立ち寄りください。',
    ].join('\n\n'),
    audience: { kind: 'all' },
    publishInDays: -10,
    cover: { colours: DUSK, alt: '水揚げされたカツオ（イメージ）' },
  },
  {
    code: '042056',
    title: '気仙沼みなとまつり 運営ボランティアを募集します',
    body: [
      '8月の「気仙沼みなとまつり」で、会場設営・交通案内・清掃のお手伝いをしてくださる方を募集します。',
      '- 日程: 8月第1土曜・日曜（半日からでも可）',
      '- 集合: 気仙沼市魚市場前',
      '- 持ち物: 帽子、飲み物',
      '参加は担い手活動として記録され、プレミアム登録の要件に数えられます。',
    ].join('\n'),
    audience: { kind: 'relation_types', relationTypes: [2, 3] },
    publishInDays: -5,
  },
  {
    code: '042056',
    title: '【プレミアム登録者限定】魚市場の早朝見学とセリ体験',
    body: [
      'プレミアム登録者の皆さんを、魚市場の早朝見学にご招待します。市場職員の案内で、セリの様子を間近でご覧いただけます。',
      '定員は20名（先着順）です。お申し込みはアプリの「参加する」からどうぞ。',
    ].join('\n\n'),
    audience: { kind: 'premium' },
    publishInDays: -3,
  },
  {
    code: '042056',
    title: '気仙沼さんま祭りのお知らせ',
    body: '今年も炭火で焼いたさんまを無料でふるまいます。日程が決まりましたらこちらでお知らせします。',
    audience: { kind: 'all' },
    publishInDays: 10,
  },
  {
    code: '042056',
    title: '冬の唐桑半島 ワーケーション体験（準備中）',
    body: '唐桑の民泊とコワーキングスペースを使った1週間の滞在プログラムを企画中です。',
    audience: { kind: 'relation_types', relationTypes: [4] },
    publishInDays: null,
  },
  {
    code: '072010',
    title: 'もも収穫のお手伝いを募集します',
    body: '7月中旬から8月にかけて、市内の果樹園でももの収穫・選果のお手伝いを募集します。農業の経験は問いません。',
    audience: { kind: 'relation_types', relationTypes: [3] },
    publishInDays: -7,
    cover: { colours: ORCHARD, alt: '色づいたももの実（イメージ）' },
  },
  {
    code: '072010',
    title: '花見山公園 今年の見頃は4月上旬です',
    body: '花見山公園の桜とハナモモが咲き始めました。見頃の時期はシャトルバスをご利用ください。',
    audience: { kind: 'all' },
    publishInDays: -14,
    pinned: true,
  },
  {
    code: '152226',
    title: '高田城址公園観桜会 ぼんぼりの点灯が始まります',
    body: '約4,000本の桜と3,000個のぼんぼりが、お堀を照らします。夜桜は18時から22時まで。',
    audience: { kind: 'all' },
    publishInDays: -12,
    cover: { colours: DUSK, alt: '夜桜とぼんぼり（イメージ）' },
  },
  {
    code: '152226',
    title: '除雪ボランティア「スコップ隊」の登録を受け付けています',
    body: '大雪の際に、高齢者世帯の雪下ろし・除雪をお手伝いいただける方を募集します。安全講習を受けてからの参加となります。',
    audience: { kind: 'relation_types', relationTypes: [2, 3, 4] },
    publishInDays: -2,
  },
];

export async function seedDemoContent(db: Executor, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const profile of PROFILES) {
      const photos = [];
      for (const photo of profile.photos) {
        photos.push({ imageId: await demoImage(trx, profile.code, photo.colours), alt: photo.alt });
      }
      await repository.saveProfile(
        trx,
        profile.code,
        {
          introduction: profile.introduction,
          introduction_html: renderMarkdown(profile.introduction),
          website_url: profile.website,
          furusato_nozei_url: profile.furusatoNozei,
          fan_club_url: profile.fanClub,
          contact_department: profile.contact.department,
          contact_phone: profile.contact.phone,
          contact_email: profile.contact.email,
          welcomed_relation_types: profile.welcomed,
          updated_at: now,
          updated_by: null,
        },
        photos,
      );
    }
    for (const [index, post] of POSTS.entries()) {
      const bodyHtml = renderMarkdown(post.body);
      const cover = post.cover ? await demoImage(trx, post.code, post.cover.colours) : null;
      const publishAt = post.publishInDays === null ? null : new Date(now.getTime() + post.publishInDays * DAY);
      // Written a little before it went out (or, for drafts and scheduled posts, in the last days).
      const createdAt = new Date(Math.min(now.getTime(), (publishAt ?? now).getTime()) - (index + 1) * 3_600_000);
      await repository.insertPost(trx, {
        municipality_code: post.code,
        title: post.title,
        body: post.body,
        body_html: bodyHtml,
        excerpt: excerptOf(bodyHtml),
        cover_image_id: cover,
        cover_image_alt: post.cover?.alt ?? '',
        audience: post.audience.kind,
        audience_relation_types: post.audience.kind === 'relation_types' ? post.audience.relationTypes : [],
        publish_at: publishAt,
        pinned: post.pinned ?? false,
        created_by: null,
        updated_by: null,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
  });
}
