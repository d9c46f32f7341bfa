import '../../../src/i18n/italian';
import { describe, expect, it, vi } from 'vitest';
import {
  describeUrlProblem,
  describeWindowIssue,
  fileNameOf,
  initialWindow,
  isHttpUrl,
  parseClusterList,
  parseEmbedLang,
  parseWindowAttributes,
  problemSummary,
  resolveDataUrl,
  selectClusters,
  tolerateRedefinition,
  type UrlCheck,
} from '../../../src/embed/element-data';
import type { Cluster, Problem } from '../../../src/model/types';

const BASE = 'https://wiki.example.org/pages/team/timeline.html?x=1#top';

function refused(check: UrlCheck) {
  if (check.ok) throw new Error(`expected a refusal, got ${check.url}`);
  return check.problem;
}

function cluster(id: string): Cluster {
  return {
    id,
    label: `Cluster ${id}`,
    name: '',
    attributedTo: '',
    attributionConfidence: null,
    aliases: [],
    mitreGroups: [],
    summary: '',
    summaryIt: '',
    color: null,
    sourceUrl: null,
    derived: false,
  };
}

describe('parseClusterList', () => {
  it('reads a comma list, trimming spaces and dropping empty items and duplicates', () => {
    expect(parseClusterList('A,B')).toEqual(['A', 'B']);
    expect(parseClusterList(' A , B ,, context,')).toEqual(['A', 'B', 'context']);
    expect(parseClusterList('A,A, B')).toEqual(['A', 'B']);
  });

  it('means every lane when absent, empty or only commas', () => {
    expect(parseClusterList(null)).toBeNull();
    expect(parseClusterList(undefined)).toBeNull();
    expect(parseClusterList('')).toBeNull();
    expect(parseClusterList(' , ,')).toBeNull();
  });
});

describe('selectClusters', () => {
  const clusters = [cluster('A'), cluster('B'), cluster('C')];

  it('matches ids without regard to case, keeps context, and reports unknown ids as written', () => {
    expect(selectClusters(['a', 'Context', 'Z', 'B'], clusters)).toEqual({ ids: ['A', 'context', 'B'], unknown: ['Z'] });
  });

  it('selects every lane for no list, and none when nothing matches', () => {
    expect(selectClusters(null, clusters)).toEqual({ ids: null, unknown: [] });
    expect(selectClusters(['Q'], clusters)).toEqual({ ids: [], unknown: ['Q'] });
  });
});

describe('parseWindowAttributes', () => {
  it('reads every precision of the CSV date syntax', () => {
    const w = parseWindowAttributes('2018', '2021-Q1');
    expect(w.issues).toEqual([]);
    expect(w.from!.earliest).toBe(Date.UTC(2018, 0, 1));
    expect(w.to!.latest).toBe(Date.UTC(2021, 3, 1));
    const days = parseWindowAttributes(' 2021-03 ', '2021-03-02');
    expect(days.from!.earliest).toBe(Date.UTC(2021, 2, 1));
    expect(days.to!.latest).toBe(Date.UTC(2021, 2, 3));
    expect(parseWindowAttributes('~2019', null).from!.earliest).toBe(Date.UTC(2019, 0, 1));
  });

  it('treats absent and blank values as no value, without a note', () => {
    expect(parseWindowAttributes(null, undefined)).toEqual({ from: null, to: null, issues: [] });
    expect(parseWindowAttributes('', '  ')).toEqual({ from: null, to: null, issues: [] });
  });

  it('ignores an unreadable value with a reason, keeping the other one', () => {
    const w = parseWindowAttributes('2018-13', '2021');
    expect(w.from).toBeNull();
    expect(w.to!.year).toBe(2021);
    expect(w.issues).toEqual([
      {
        kind: 'invalid',
        attribute: 'from',
        value: '2018-13',
        why: { code: 'dateMonthOutOfRange', params: { month: '13' } },
        reason: expect.stringContaining('month 13'),
      },
    ]);
    expect(describeWindowIssue(w.issues[0]!, 'en')).toBe('Ignored from="2018-13": month 13 does not exist: months are 01 to 12.');
    const italian = describeWindowIssue(w.issues[0]!, 'it');
    expect(italian).toMatch(/^Ignorato from="2018-13": /);
    expect(italian).not.toContain('does not exist');
    const words = parseWindowAttributes('soon', 'later');
    expect(words.issues.map((i) => (i.kind === 'invalid' ? i.attribute : i.kind))).toEqual(['from', 'to']);
  });

  it('ignores both ends when to does not come after from', () => {
    const w = parseWindowAttributes('2021', '2018');
    expect(w.from).toBeNull();
    expect(w.to).toBeNull();
    expect(w.issues).toEqual([{ kind: 'order', from: '2021', to: '2018' }]);
    expect(describeWindowIssue(w.issues[0]!, 'en')).toContain('must come after its start');
    // The same unit is a valid one-unit window: 2020 means all of 2020.
    expect(parseWindowAttributes('2020', '2020').issues).toEqual([]);
  });
});

describe('initialWindow', () => {
  const extent: [number, number] = [Date.UTC(2010, 0, 1), Date.UTC(2021, 7, 4)];
  const declared: [number, number] = [Date.UTC(2012, 0, 1), Date.UTC(2021, 3, 1)];

  it('runs from the start of `from` to the end of `to`', () => {
    expect(initialWindow(parseWindowAttributes('2018', '2021-Q1'), declared, extent)).toEqual([Date.UTC(2018, 0, 1), Date.UTC(2021, 3, 1)]);
  });

  it('falls back to the declared view, then to the chart default (null)', () => {
    expect(initialWindow(parseWindowAttributes(null, null), declared, extent)).toBe(declared);
    expect(initialWindow(parseWindowAttributes(null, null), null, extent)).toBeNull();
    expect(initialWindow(parseWindowAttributes('bad', null), declared, extent)).toBe(declared);
  });

  it('takes a missing side from the declared view, else from the extent', () => {
    expect(initialWindow(parseWindowAttributes('2018', null), declared, extent)).toEqual([Date.UTC(2018, 0, 1), declared[1]]);
    expect(initialWindow(parseWindowAttributes(null, '2019'), declared, extent)).toEqual([declared[0], Date.UTC(2020, 0, 1)]);
    expect(initialWindow(parseWindowAttributes('2018', null), null, extent)).toEqual([Date.UTC(2018, 0, 1), extent[1]]);
    // A `from` after the declared view's end runs to the end of the data instead.
    expect(initialWindow(parseWindowAttributes('2021-06', null), declared, extent)).toEqual([Date.UTC(2021, 5, 1), extent[1]]);
    // ...and past the data too, it is the unit itself.
    expect(initialWindow(parseWindowAttributes('2030', null), declared, extent)).toEqual([Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1)]);
    expect(initialWindow(parseWindowAttributes(null, '2005'), declared, extent)).toEqual([Date.UTC(2005, 0, 1), Date.UTC(2006, 0, 1)]);
  });
});

describe('resolveDataUrl', () => {
  it('resolves relative addresses against the page base', () => {
    expect(resolveDataUrl('reports/other-events.csv', BASE)).toEqual({ ok: true, url: 'https://wiki.example.org/pages/team/reports/other-events.csv' });
    expect(resolveDataUrl('/data/e.csv', BASE)).toEqual({ ok: true, url: 'https://wiki.example.org/data/e.csv' });
    expect(resolveDataUrl('../e.csv?v=2', BASE)).toEqual({ ok: true, url: 'https://wiki.example.org/pages/e.csv?v=2' });
    expect(resolveDataUrl('  e.csv  ', BASE)).toEqual({ ok: true, url: 'https://wiki.example.org/pages/team/e.csv' });
  });

  it('accepts absolute http and https addresses, on other sites too', () => {
    expect(resolveDataUrl('https://example.github.io/deadringer/events.csv', BASE)).toEqual({ ok: true, url: 'https://example.github.io/deadringer/events.csv' });
    expect(resolveDataUrl('http://intranet.local/e.csv', BASE)).toEqual({ ok: true, url: 'http://intranet.local/e.csv' });
    expect(resolveDataUrl('//cdn.example.net/e.csv', BASE)).toEqual({ ok: true, url: 'https://cdn.example.net/e.csv' });
  });

  it('refuses javascript:, data: and other schemes, with a reason', () => {
    const script = refused(resolveDataUrl('javascript:alert(1)', BASE, 'src'));
    expect(script).toEqual({ code: 'scheme', attribute: 'src', value: 'javascript:alert(1)', scheme: 'javascript:' });
    expect(describeUrlProblem(script, 'en')).toBe('src="javascript:alert(1)" is a javascript: link; only http(s) links are loaded');
    expect(describeUrlProblem(script, 'it')).toContain('solo link http(s)');
    const data = refused(resolveDataUrl('data:text/csv,id%0A1', BASE, 'clusters-src'));
    expect(data.code).toBe('scheme');
    expect(describeUrlProblem(data, 'en')).toMatch(/^clusters-src="data:text\/csv,id%0A1" is a data: link/);
    for (const raw of ['JavaScript:alert(1)', ' javascript:void(0)', 'file:///etc/passwd', 'blob:https://wiki.example.org/x', 'ftp://example.org/e.csv']) {
      expect(refused(resolveDataUrl(raw, BASE)).code, raw).toBe('scheme');
    }
  });

  it('refuses empty values, unreadable addresses and credentials', () => {
    expect(refused(resolveDataUrl('  ', BASE)).code).toBe('empty');
    expect(describeUrlProblem(refused(resolveDataUrl('', BASE)), 'en')).toBe('the src attribute is empty');
    expect(refused(resolveDataUrl('http://[bad', BASE)).code).toBe('invalid');
    expect(refused(resolveDataUrl('https://user:pw@example.org/e.csv', BASE)).code).toBe('credentials');
  });

  it('makes relative addresses on a page opened from disk a refusal, not a file: fetch', () => {
    expect(refused(resolveDataUrl('e.csv', 'file:///home/me/page.html')).scheme).toBe('file:');
  });
});

describe('small helpers', () => {
  it('names files by the last path segment', () => {
    expect(fileNameOf('https://example.org/reports/other%20events.csv?x=1')).toBe('other events.csv');
    expect(fileNameOf('https://example.org/')).toBe('example.org');
  });

  it('recognises http(s) links only', () => {
    expect(isHttpUrl('https://example.org')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl(null)).toBe(false);
    expect(isHttpUrl('not a url')).toBe(false);
  });

  it('reads lang as en or it', () => {
    expect(parseEmbedLang('it')).toBe('it');
    expect(parseEmbedLang('IT-it')).toBe('it');
    expect(parseEmbedLang('fr')).toBe('en');
    expect(parseEmbedLang(null)).toBe('en');
  });

  it('counts problems as unread rows and warnings', () => {
    const p = (severity: Problem['severity']): Problem => ({ file: 'e.csv', row: 2, column: 'start', message: 'bad', severity });
    expect(problemSummary([], 'en')).toBe('');
    expect(problemSummary([p('error')], 'en')).toBe('1 row could not be read');
    expect(problemSummary([p('error'), p('error')], 'en')).toBe('2 rows could not be read');
    expect(problemSummary([p('error'), p('warning'), p('warning')], 'en')).toBe('1 row could not be read, 2 warnings');
    expect(problemSummary([p('warning')], 'it')).toBe('1 avviso');
    expect(problemSummary([p('error'), p('error')], 'it')).toBe('2 righe non sono state lette');
  });
});

describe('tolerateRedefinition', () => {
  function fakeRegistry(defined: string[]) {
    const names = new Set(defined);
    const registry = {
      get: (name: string) => (names.has(name) ? class {} : undefined),
      define: vi.fn((name: string) => {
        if (names.has(name)) throw new Error(`${name} already defined`);
        names.add(name);
      }),
    };
    return registry;
  }

  it('changes nothing when the name is free', () => {
    const registry = fakeRegistry([]);
    const define = registry.define;
    tolerateRedefinition(registry as unknown as CustomElementRegistry, 'tl-timeline')();
    expect(registry.define).toBe(define);
  });

  it('skips the next definition of a taken name once, then steps aside', () => {
    const registry = fakeRegistry(['tl-timeline']);
    const original = registry.define;
    tolerateRedefinition(registry as unknown as CustomElementRegistry, 'tl-timeline');
    expect(() => registry.define('other-element' as never)).not.toThrow();
    expect(original).toHaveBeenCalledWith('other-element', undefined, undefined);
    expect(() => registry.define('tl-timeline' as never)).not.toThrow();
    expect(registry.define).toBe(original);
    expect(() => registry.define('tl-timeline' as never)).toThrow();
  });

  it('can be removed before it is used', () => {
    const registry = fakeRegistry(['tl-timeline']);
    const original = registry.define;
    const restore = tolerateRedefinition(registry as unknown as CustomElementRegistry, 'tl-timeline');
    restore();
    expect(registry.define).toBe(original);
    expect(() => registry.define('tl-timeline' as never)).toThrow();
  });

  it('does nothing without a registry (no DOM)', () => {
    expect(() => tolerateRedefinition(undefined, 'tl-timeline')()).not.toThrow();
  });
});
