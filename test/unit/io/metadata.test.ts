import { describe, expect, it } from 'vitest';
import { EMPTY_META, readMetadata } from '../../../src/io/metadata';

describe('readMetadata', () => {
  it('survives anything that is not a descriptor', () => {
    for (const text of ['', 'nope', '[]', 'null', '42', '{"report": 5, "view": {"from": "yesterday"}}']) {
      expect(readMetadata(text)).toMatchObject({ report: null, view: null });
    }
    expect(readMetadata('{')).toEqual(EMPTY_META);
  });

  it('drops links that are not http(s) and views that end before they start', () => {
    const meta = readMetadata(
      JSON.stringify({
        report: { title: 'R', publisher: 'P', date: '2021', url: 'javascript:alert(1)' },
        view: { from: '2021', to: '2019' },
        sources: [{ title: 'S', path: 'data:text/html,x' }],
      }),
    );
    expect(meta.report!.url).toBeNull();
    expect(meta.view).toBeNull();
    expect(meta.sources).toEqual([{ title: 'S', url: null }]);
  });

  it('falls back to English where an Italian text is missing', () => {
    expect(readMetadata('{"keyFinding": {"en": "Overlap"}}').keyFinding).toEqual({ en: 'Overlap', it: 'Overlap' });
  });
});
