import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../../src/model/filters';
import { decodeUrlState, encodeUrlState } from '../../../src/state/url-codec';
import { fromUrlState, toUrlState, type ViewState } from '../../../src/state/view-state';

const view: ViewState = {
  filters: { ...NO_FILTERS, clusters: ['B', 'context'], confidence: ['high'], query: 'nebulae', techniques: ['T1190'] },
  inView: true,
  window: [Date.UTC(2020, 0, 1), Date.UTC(2021, 3, 1)],
  panel: 'B',
  event: null,
  lang: 'it',
  src: null,
  clustersSrc: null,
};

describe('view state ↔ URL', () => {
  it('writes the filters, window, panel and language, and reads them back', () => {
    const search = encodeUrlState(toUrlState(view, 'en'));
    expect(search).toBe('?clusters=B,context&confidence=high&q=nebulae&techniques=T1190&inview=1&from=2020-Q1&to=2021-Q1&panel=B&lang=it');
    expect(fromUrlState(decodeUrlState(search).state, 'en')).toEqual(view);
  });

  it('leaves out the browser’s own language and an untouched window', () => {
    expect(encodeUrlState(toUrlState({ ...view, filters: NO_FILTERS, inView: false, window: null, panel: null, lang: 'en' }, 'en'))).toBe('');
  });
});
