import type { Executor } from '../../db/transaction.ts';
import { insertContacts } from './repository.ts';

// Demo only: contacts for the demo participants (municipalities module), so the list has something to show.
const DEMO_CONTACTS = [
  { code: '042056', name: '気仙沼 太郎', department: '震災復興・企画課', email: 'kikaku@kesennuma.example.jp' },
  { code: '070009', name: '福島 花子', department: '企画調整部 地域振興課', email: 'chiiki@fukushima.example.jp' },
  { code: '072010', name: '信夫 次郎', department: '政策推進部', email: 'seisaku@fukushima-city.example.jp' },
  { code: '152226', name: '高田 三郎', department: '自治・地域振興課', email: 'shinko@joetsu.example.jp' },
];

export async function seedDemoContacts(db: Executor): Promise<void> {
  for (const { code, ...contact } of DEMO_CONTACTS) await insertContacts(db, code, [contact]);
}
