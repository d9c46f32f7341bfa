import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/io/load';
import {
  activeFilters,
  applyFilters,
  facetCounts,
  isFiltering,
  NO_FILTERS,
  removeFilter,
  sameFilters,
  type ActiveFilter,
  type FilterState,
} from '../../../src/model/filters';
import type { TimelineEvent } from '../../../src/model/types';

const HEADER = 'id,cluster,kind,start,end,title,summary,summary_it,confidence,targets,tools,techniques,cves,source_url';

function load(rows: string[]): TimelineEvent[] {
  const dataset = loadDataset({ events: { name: 'events.csv', text: [HEADER, ...rows].join('\n') } });
  expect(dataset.problems).toEqual([]);
  return [...dataset.events];
}

const events = load([
  'a-op,A,operating,2012,..,Cluster A active,Active since at least 2012.,Attivo almeno dal 2012.,high,telecoms,,,,',
  'a-web,A,intrusion,2019-Q3,,Web shells on mail servers,Web shells dropped after exploitation.,Web shell sui server di posta.,moderate,telecoms;governments,China Chopper;Mimikatz,T1190;T1505.003,CVE-2021-26855,https://example.org/a',
  'b-tool,B,tooling,2020-Q4,,PcShare backdoor,Loaded by DLL side-loading.,Caricata tramite side-loading.,low,telecoms,PcShare;mimikatz,T1574.002;T1505,,',
  'c-act,C,activity,2018,2021-Q1,Telecom espionage,Long-running espionage in Southeast Asia.,Attività di spionaggio di lunga durata.,,telecoms;energy,Cobalt Strike,T1003.001,,',
  'ctx-cve,context,vulnerability,2021-03-02,,ProxyLogon published,Microsoft patches Exchange.,Microsoft corregge Exchange.,,,,,CVE-2021-26855;CVE-2021-26857,',
  'b-pub,B,publication,2018,,Réseau report,Résumé of the findings.,Riepilogo.,high,,,,,',
]);

const cutoff = Date.UTC(2021, 7, 4); // 2021-08-03 included
const utc = (year: number, month = 1, day = 1) => Date.UTC(year, month - 1, day);
const filter = (changes: Partial<FilterState>) => ({ ...NO_FILTERS, ...changes });
const idsOf = (changes: Partial<FilterState>, cut = cutoff) => applyFilters(events, filter(changes), cut).map((e) => e.id);
const ALL_IDS = ['a-op', 'a-web', 'b-tool', 'c-act', 'ctx-cve', 'b-pub'];
const all = { clusters: ['A', 'B', 'C', 'context'], kinds: ['operating', 'intrusion', 'tooling', 'activity', 'vulnerability', 'publication'] };

describe('applyFilters', () => {
  it('keeps every event, in input order, when nothing is filtered', () => {
    expect(idsOf({})).toEqual(ALL_IDS);
    expect(isFiltering(NO_FILTERS)).toBe(false);
    // The very array: an index gathered of it while it loaded (EventIndex) still applies.
    expect(applyFilters(events, filter({}), cutoff)).toBe(events);
  });

  it('shows only the listed lanes, context being one of them', () => {
    expect(idsOf({ clusters: ['B', 'context'] })).toEqual(['b-tool', 'ctx-cve', 'b-pub']);
    expect(idsOf({ clusters: ['A'] })).toEqual(['a-op', 'a-web']);
  });

  it('tells null (all) from an empty list (none)', () => {
    expect(idsOf({ clusters: null })).toEqual(ALL_IDS);
    expect(idsOf({ clusters: [] })).toEqual([]);
    expect(idsOf({ kinds: [] })).toEqual([]);
    expect(idsOf({ confidence: [] })).toEqual([]);
    expect(isFiltering(filter({ clusters: [] }))).toBe(true);
  });

  it('filters by kind', () => {
    expect(idsOf({ kinds: ['activity', 'operating'] })).toEqual(['a-op', 'c-act']);
  });

  it('filters by confidence, with "unstated" for events that give none', () => {
    expect(idsOf({ confidence: ['high'] })).toEqual(['a-op', 'b-pub']);
    expect(idsOf({ confidence: ['unstated'] })).toEqual(['c-act', 'ctx-cve']);
    expect(idsOf({ confidence: ['low', 'unstated'] })).toEqual(['b-tool', 'c-act', 'ctx-cve']);
  });

  describe('search', () => {
    it('matches the title and summary, ignoring case', () => {
      expect(idsOf({ query: 'WEB SHELLS' })).toEqual(['a-web']);
      expect(idsOf({ query: 'southeast' })).toEqual(['c-act']);
    });

    it('needs every term to match somewhere (AND), in any field', () => {
      expect(idsOf({ query: 'telecoms mimikatz' })).toEqual(['a-web', 'b-tool']);
      expect(idsOf({ query: 'telecoms mimikatz T1574' })).toEqual(['b-tool']);
      expect(idsOf({ query: 'mimikatz exchange' })).toEqual([]);
    });

    it('matches tools, techniques, CVEs, targets and the Italian summary', () => {
      expect(idsOf({ query: 'chopper' })).toEqual(['a-web']);
      expect(idsOf({ query: 't1505' })).toEqual(['a-web', 'b-tool']);
      expect(idsOf({ query: 'cve-2021-26855' })).toEqual(['a-web', 'ctx-cve']);
      expect(idsOf({ query: 'energy' })).toEqual(['c-act']);
      expect(idsOf({ query: 'spionaggio' })).toEqual(['c-act']);
    });

    it('ignores accents on either side', () => {
      expect(idsOf({ query: 'attivita' })).toEqual(['c-act']);
      expect(idsOf({ query: 'reseau resume' })).toEqual(['b-pub']);
      expect(idsOf({ query: 'ATTIVITÀ' })).toEqual(['c-act']);
    });

    it('treats a blank query as no query', () => {
      expect(idsOf({ query: '   ' })).toEqual(ALL_IDS);
      expect(isFiltering(filter({ query: ' \t ' }))).toBe(false);
    });

    it('does not match a term across two fields', () => {
      expect(idsOf({ query: 'governmentschina' })).toEqual([]);
    });
  });

  describe('facets', () => {
    it('needs every selected tool, ignoring case', () => {
      expect(idsOf({ tools: ['MIMIKATZ'] })).toEqual(['a-web', 'b-tool']);
      expect(idsOf({ tools: ['mimikatz', 'pcshare'] })).toEqual(['b-tool']);
      expect(idsOf({ tools: ['mimikatz', 'Cobalt Strike'] })).toEqual([]);
    });

    it('does not treat a tool name as a substring search', () => {
      expect(idsOf({ tools: ['Chopper'] })).toEqual([]);
    });

    it('needs every selected technique, a parent matching its sub-techniques', () => {
      expect(idsOf({ techniques: ['T1505'] })).toEqual(['a-web', 'b-tool']);
      expect(idsOf({ techniques: ['T1505.003'] })).toEqual(['a-web']);
      expect(idsOf({ techniques: ['T1505', 'T1190'] })).toEqual(['a-web']);
      expect(idsOf({ techniques: ['T1003'] })).toEqual(['c-act']);
    });

    it('does not let a sub-technique match its parent, nor a prefix match another technique', () => {
      expect(idsOf({ techniques: ['T1574.001'] })).toEqual([]);
      expect(idsOf({ techniques: ['T150'] })).toEqual([]);
    });
  });

  describe('the window', () => {
    const window = (from: number, to: number) => ({ window: { from, to } });

    it('keeps a year-precision event in a window that starts inside that year', () => {
      expect(idsOf(window(utc(2018, 6), utc(2018, 7)))).toEqual(['a-op', 'c-act', 'b-pub']);
    });

    it('runs open-ended events to the cut-off', () => {
      expect(idsOf(window(utc(2021, 6), utc(2021, 7)))).toEqual(['a-op']);
      expect(idsOf(window(utc(2021, 6), utc(2021, 7)), utc(2021, 5))).toEqual([]);
    });

    it('treats the window as [from, to): touching is not overlapping', () => {
      // c-act ends with 2021-Q1, i.e. at 2021-04-01; ctx-cve is the whole day 2021-03-02.
      expect(idsOf(window(utc(2021, 4), utc(2021, 5)))).toEqual(['a-op']);
      expect(idsOf(window(utc(2021, 3, 3), utc(2021, 4)))).toEqual(['a-op', 'c-act']);
      expect(idsOf(window(utc(2021, 1), utc(2021, 3, 2)))).toEqual(['a-op', 'c-act']);
      expect(idsOf(window(utc(2021, 1), utc(2021, 3, 2) + 1))).toEqual(['a-op', 'c-act', 'ctx-cve']);
    });
  });

  it('combines every filter', () => {
    const combined = {
      clusters: ['A', 'B'],
      kinds: ['intrusion', 'tooling', 'publication'],
      confidence: ['moderate', 'low'] as const,
      query: 'telecoms',
      tools: ['mimikatz'],
      techniques: ['T1505'],
      window: { from: utc(2019), to: utc(2022) },
    };
    expect(idsOf(combined)).toEqual(['a-web', 'b-tool']);
    expect(idsOf({ ...combined, window: { from: utc(2020), to: utc(2022) } })).toEqual(['b-tool']);
    expect(idsOf({ ...combined, query: 'telecoms posta' })).toEqual(['a-web']);
    expect(idsOf({ ...combined, clusters: ['B'], confidence: ['moderate'] })).toEqual([]);
    expect(isFiltering(filter(combined))).toBe(true);
  });
});

describe('isFiltering', () => {
  it('is true for each constraint alone', () => {
    const each: Partial<FilterState>[] = [
      { clusters: ['A'] },
      { kinds: ['activity'] },
      { confidence: ['high'] },
      { query: 'x' },
      { tools: ['PcShare'] },
      { techniques: ['T1190'] },
      { window: { from: 0, to: 1 } },
    ];
    for (const changes of each) expect(isFiltering(filter(changes))).toBe(true);
  });
});

describe('activeFilters and removeFilter', () => {
  const busy = filter({
    clusters: ['A', 'context'],
    kinds: ['activity', 'operating', 'intrusion', 'tooling', 'vulnerability'],
    confidence: ['high', 'moderate'],
    query: '  web shells ',
    tools: ['Mimikatz', 'PcShare'],
    techniques: ['T1505'],
    window: { from: utc(2019), to: utc(2020) },
  });

  it('lists the hidden lanes, kinds and levels, then the query, each tool and technique, and the window', () => {
    expect(activeFilters(busy, all)).toEqual([
      { kind: 'cluster', value: 'B' },
      { kind: 'cluster', value: 'C' },
      { kind: 'kind', value: 'publication' },
      { kind: 'confidence', value: 'low' },
      { kind: 'confidence', value: 'unstated' },
      { kind: 'query', value: 'web shells' },
      { kind: 'tool', value: 'Mimikatz' },
      { kind: 'tool', value: 'PcShare' },
      { kind: 'technique', value: 'T1505' },
      { kind: 'window', value: '' },
    ]);
  });

  it('lists nothing when nothing is filtered', () => {
    expect(activeFilters(NO_FILTERS, all)).toEqual([]);
  });

  it('lists every lane as hidden for an empty list', () => {
    expect(activeFilters(filter({ clusters: [] }), all).map((f) => f.value)).toEqual(all.clusters);
  });

  it('removes exactly one constraint', () => {
    expect(removeFilter(busy, { kind: 'cluster', value: 'B' }, all).clusters).toEqual(['A', 'context', 'B']);
    expect(removeFilter(busy, { kind: 'query', value: 'web shells' }, all)).toEqual({ ...busy, query: '' });
    expect(removeFilter(busy, { kind: 'tool', value: 'Mimikatz' }, all)).toEqual({ ...busy, tools: ['PcShare'] });
    expect(removeFilter(busy, { kind: 'technique', value: 'T1505' }, all)).toEqual({ ...busy, techniques: [] });
    expect(removeFilter(busy, { kind: 'window', value: '' }, all)).toEqual({ ...busy, window: null });
  });

  it('turns a list filter off (null) once every value is shown again', () => {
    expect(removeFilter(busy, { kind: 'kind', value: 'publication' }, all).kinds).toBeNull();
    const oneLevelLeft = removeFilter(busy, { kind: 'confidence', value: 'low' }, all);
    expect(oneLevelLeft.confidence).toEqual(['high', 'moderate', 'low']);
    expect(removeFilter(oneLevelLeft, { kind: 'confidence', value: 'unstated' }, all).confidence).toBeNull();
  });

  it('round-trips: removing every listed filter, one at a time, clears everything', () => {
    let state: FilterState = busy;
    let active: ActiveFilter[] = activeFilters(state, all);
    expect(active).toHaveLength(10);
    while (active.length > 0) {
      const [first, ...rest] = active;
      state = removeFilter(state, first!, all);
      active = activeFilters(state, all);
      expect(active).toEqual(rest);
    }
    expect(state).toEqual(NO_FILTERS);
    expect(isFiltering(state)).toBe(false);
  });

  it('leaves the state alone when asked to re-show something that is not hidden', () => {
    expect(removeFilter(NO_FILTERS, { kind: 'cluster', value: 'A' }, all)).toEqual(NO_FILTERS);
    expect(removeFilter(busy, { kind: 'cluster', value: 'A' }, all)).toEqual(busy);
  });
});

describe('facetCounts', () => {
  it('counts tools by event, most frequent first, then alphabetically, ignoring case', () => {
    expect(facetCounts(events, 'tools')).toEqual([
      { value: 'Mimikatz', count: 2 },
      { value: 'China Chopper', count: 1 },
      { value: 'Cobalt Strike', count: 1 },
      { value: 'PcShare', count: 1 },
    ]);
  });

  it('counts techniques as written', () => {
    expect(facetCounts(events, 'techniques')).toEqual([
      { value: 'T1003.001', count: 1 },
      { value: 'T1190', count: 1 },
      { value: 'T1505', count: 1 },
      { value: 'T1505.003', count: 1 },
      { value: 'T1574.002', count: 1 },
    ]);
  });

  it('counts over the events it is given, e.g. the filtered ones', () => {
    const filtered = applyFilters(events, filter({ clusters: ['B'] }), cutoff);
    expect(facetCounts(filtered, 'tools')).toEqual([
      { value: 'mimikatz', count: 1 },
      { value: 'PcShare', count: 1 },
    ]);
    expect(facetCounts([], 'tools')).toEqual([]);
  });
});

describe('sameFilters', () => {
  it('compares by value', () => {
    expect(sameFilters(NO_FILTERS, { ...NO_FILTERS })).toBe(true);
    expect(sameFilters(NO_FILTERS, { ...NO_FILTERS, query: 'x' })).toBe(false);
    expect(sameFilters({ ...NO_FILTERS, clusters: ['A'] }, { ...NO_FILTERS, clusters: ['A'] })).toBe(true);
    expect(sameFilters(undefined, NO_FILTERS)).toBe(false);
  });
});
