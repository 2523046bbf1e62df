import { describe, expect, it } from 'vitest';
import { adminMessagesEn } from './admin-messages.en.ts';
import { adminMessagesJa } from './admin-messages.ja.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { residentMessagesEn } from './resident-messages.en.ts';
import { residentMessagesJa } from './resident-messages.ja.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  const jaMessages = flatten({ ...ja, ...adminMessagesJa, ...residentMessagesJa });
  const enMessages = flatten({ ...en, ...adminMessagesEn, ...residentMessagesEn });

  it('messages loaded with their pages do not overwrite any other message', () => {
    const keys = [...Object.keys(ja), ...Object.keys(adminMessagesJa), ...Object.keys(residentMessagesJa)];
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('ja and en have exactly the same keys', () => {
    expect([...enMessages.keys()].sort()).toEqual([...jaMessages.keys()].sort());
  });

  it('no message is empty', () => {
    for (const [key, text] of [...jaMessages, ...enMessages]) expect(text.trim(), key).not.toBe('');
  });

  it('each translation uses the same placeholders as the Japanese message', () => {
    for (const [key, text] of jaMessages)
      expect(placeholders(enMessages.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});
