import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

// The public statistics page, signed out: what it shows equals what the API publishes, suppressed cells
// read 秘匿 (never a number), and it passes axe in both languages.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 600_000);
afterAll(async () => {
  await harness?.stop();
});

interface Table {
  columns: string[];
  rows: { key: string; label: string; cells: (number | null)[]; total: number | null }[];
  grandTotal: number | null;
  suppressedCells: number;
}

async function api(path: string): Promise<Table> {
  const response = await fetch(`${harness.baseUrl}/api/v1/open-statistics/${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Table;
}

const shown = (value: number | null) => (value === null ? '秘匿' : value.toLocaleString('ja'));

describe('open statistics page', () => {
  it('shows registrations by prefecture with a map and the same numbers as the API, without sign-in', async () => {
    const { page, errors } = await harness.open('/stats');
    await page.getByRole('heading', { level: 1, name: 'オープン統計' }).waitFor();
    expect(await page.title()).toContain('オープン統計');
    const table = await api('prefectures');
    const miyagi = table.rows.find((r) => r.key === '04');
    const row = page.getByRole('row', { name: /^宮城県/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      ...(miyagi?.cells ?? []).map(shown),
      shown(miyagi?.total ?? null),
    ]);
    await page.getByRole('heading', { name: '都道府県別の登録件数' }).waitFor();
    await checkPage(page, 'statistics by prefecture');
    expect(errors).toEqual([]);
  });

  it('shows where registrants of 宮城県 live, with suppressed cells as 秘匿 and a CSV link', async () => {
    const { page, errors } = await harness.open('/stats');
    await page.getByLabel('表').selectOption({ label: '登録者の居住地別' });
    await page.getByLabel('都道府県', { exact: true }).selectOption({ label: '宮城県' });
    await page.getByRole('heading', { name: '登録者の居住地別（宮城県）' }).waitFor();
    const table = await api('residence?prefecture=04');
    expect(table.suppressedCells).toBeGreaterThan(0);
    await page.getByText(`秘匿したセル: ${table.suppressedCells}`).waitFor();
    for (const expected of table.rows.slice(0, 10)) {
      const row = page.getByRole('row', { name: new RegExp(`^${expected.label}`) });
      expect(await row.getByRole('cell').allTextContents()).toEqual([
        ...expected.cells.map(shown),
        shown(expected.total),
      ]);
    }
    const link = page.getByRole('link', { name: 'CSVをダウンロード' });
    expect(await link.getAttribute('href')).toBe('/api/v1/open-statistics/residence.csv?prefecture=04');
    expect(new URL(page.url()).searchParams.get('table')).toBe('residence');
    await checkPage(page, 'residence of 宮城県 registrants');
    expect(errors).toEqual([]);
  });

  it('reads in English', async () => {
    const { page, errors } = await harness.open('/stats?table=municipalities&prefecture=07&by=relation-type');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open statistics' }).waitFor();
    await page.getByRole('columnheader', { name: '4 Lives in two places' }).waitFor();
    await checkPage(page, 'statistics in English');
    expect(errors).toEqual([]);
  });
});
