import { describe, expect, it } from 'vitest';
import { wrap } from '../../../src/ui/timeline/export-image';

describe('wrap (the picture’s source line)', () => {
  it('breaks at spaces and keeps every word', () => {
    const lines = wrap('Data: Cybereason Nocturnus, “DeadRinger” (2021-08-03)', 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join(' ')).toBe('Data: Cybereason Nocturnus, “DeadRinger” (2021-08-03)');
  });

  it('cuts a word longer than a line, such as a URL', () => {
    const url = 'https://www.cybereason.com/blog/deadringer-exposing-chinese-threat-actors-targeting-major-telcos';
    const lines = wrap(`See ${url}`, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join('').replace(/^See/, 'See ')).toBe(`See ${url}`);
  });

  it('keeps a short line whole', () => {
    expect(wrap('short', 80)).toEqual(['short']);
  });
});
