import { describe, expect, it } from 'vitest';
import { csvFilename, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('starts with a BOM, quotes only what needs quoting and ends lines in CRLF', () => {
    const text = toCsv({
      columns: ['月', '人数'],
      rows: [
        ['2026-04', 12],
        ['a,"b"', 3],
      ],
    });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1)).toBe('月,人数\r\n2026-04,12\r\n"a,""b""",3\r\n');
  });

  it('keeps a text cell that looks like a formula from running in a spreadsheet', () => {
    expect(toCsv({ columns: ['x'], rows: [['=SUM(A1)'], [-3]] }).slice(1)).toBe("x\r\n'=SUM(A1)\r\n-3\r\n");
  });
});

describe('csvFilename', () => {
  it('replaces characters that file systems refuse and adds the extension once', () => {
    expect(csvFilename('登録者の推移 / 月別')).toBe('登録者の推移-月別.csv');
    expect(csvFilename('a.csv')).toBe('a.csv');
    expect(csvFilename('  ')).toBe('chart.csv');
  });
});
