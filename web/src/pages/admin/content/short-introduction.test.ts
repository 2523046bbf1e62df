import { describe, expect, it } from 'vitest';
import { shortIntroduction } from './short-introduction.ts';

describe('shortIntroduction', () => {
  it('takes the first paragraph with words, without Markdown marks', () => {
    const text = '![港](/api/v1/images/x.webp)\n\n## 海と生きるまち\n\n次の段落';
    expect(shortIntroduction(text)).toBe('海と生きるまち');
    expect(shortIntroduction('**港町**の[人と食](https://example.jp)を\n応援してください。')).toBe(
      '港町の人と食を 応援してください。',
    );
  });

  it('cuts a long paragraph to the limit with an ellipsis', () => {
    const cut = shortIntroduction('あ'.repeat(200), 10);
    expect(cut).toBe(`${'あ'.repeat(9)}…`);
    expect(shortIntroduction('あ'.repeat(10), 10)).toBe('あ'.repeat(10));
  });

  it('is empty for an empty introduction', () => {
    expect(shortIntroduction('')).toBe('');
    expect(shortIntroduction('\n\n![写真](/x.webp)\n')).toBe('');
  });
});
