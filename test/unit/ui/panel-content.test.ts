import '../../../src/i18n/italian';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PANEL_MESSAGES, panelMsg } from '../../../src/i18n/panel-messages';
import { EMPTY_META, readMetadata } from '../../../src/io/metadata';
import { loadDataset } from '../../../src/io/load';
import { toCsvDate } from '../../../src/model/dates';
import type { TimelineEvent } from '../../../src/model/types';
import {
  aboutPanelContent,
  attackGroupUrl,
  attackTechniqueUrl,
  attributionConfidenceText,
  clusterOverlapLines,
  clusterPanelContent,
  clusterPeriods,
  cveLinks,
  cveUrl,
  eventPanelContent,
  panelCutoff,
  safeHttpUrl,
  sourceLinks,
  unionCaseInsensitive,
} from '../../../src/ui/panel/panel-content';

const read = (name: string) => readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
const dataset = loadDataset({ events: { name: 'events.csv', text: read('events.csv') }, clusters: { name: 'clusters.csv', text: read('clusters.csv') } });
const meta = readMetadata(read('datapackage.json'));
const { clusters, events } = dataset;
const cluster = (id: string) => clusters.find((c) => c.id === id)!;
const event = (id: string) => events.find((e) => e.id === id)!;
const contentA = clusterPanelContent(cluster('A'), clusters, events, meta, 'en');

describe('panel messages', () => {
  it('has every string, non-empty, in English and Italian, with the same placeholders', () => {
    const keys = Object.keys(PANEL_MESSAGES.en) as (keyof typeof PANEL_MESSAGES.en)[];
    expect(Object.keys(PANEL_MESSAGES.it).sort()).toEqual([...keys].sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys) {
      expect(PANEL_MESSAGES.en[key].trim(), key).not.toBe('');
      expect(PANEL_MESSAGES.it[key].trim(), key).not.toBe('');
      expect(placeholders(PANEL_MESSAGES.it[key]), key).toEqual(placeholders(PANEL_MESSAGES.en[key]));
    }
    expect(panelMsg('it', 'overlapWith', { cluster: 'Cluster C', range: '2018 – T1 2021' })).toBe('Si sovrappone a Cluster C: 2018 – T1 2021');
  });
});

describe('ID links', () => {
  it('links ATT&CK techniques, sub-techniques, groups and CVEs', () => {
    expect(attackTechniqueUrl('T1505.003')).toBe('https://attack.mitre.org/techniques/T1505/003/');
    expect(attackTechniqueUrl('T1190')).toBe('https://attack.mitre.org/techniques/T1190/');
    expect(attackGroupUrl('G0019')).toBe('https://attack.mitre.org/groups/G0019/');
    expect(cveUrl('CVE-2021-26855')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2021-26855');
  });

  it('builds no URL from anything that is not a well-formed ID', () => {
    for (const bad of ['T150', 'T1505.3', 't1190', 'T1190/../../x', 'javascript:alert(1)', ' T1190']) expect(attackTechniqueUrl(bad), bad).toBeNull();
    for (const bad of ['G19', 'G0019x', '../G0019']) expect(attackGroupUrl(bad), bad).toBeNull();
    for (const bad of ['CVE-2021-123', 'cve-2021-26855', 'CVE-2021-26855"><x']) expect(cveUrl(bad), bad).toBeNull();
  });

  it('passes on only http(s) URLs', () => {
    expect(safeHttpUrl('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,hi')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});

describe('unionCaseInsensitive', () => {
  it('keeps first-seen order and spelling, dropping blanks and repeats in any case', () => {
    expect(unionCaseInsensitive([['China Chopper', 'PcShare'], ['china chopper', ' ', 'Mimikatz'], ['PCSHARE']])).toEqual(['China Chopper', 'PcShare', 'Mimikatz']);
  });
});

describe('cluster panel on the DeadRinger data', () => {
  it('heads the panel with label and name', () => {
    expect(contentA.heading).toBe('Cluster A — Soft Cell');
    expect(clusterPanelContent(cluster('B'), clusters, events, meta, 'en').heading).toBe('Cluster B — Naikon APT');
  });

  it("gives A's periods as the sources phrase them, in both languages", () => {
    expect(contentA.periods).toEqual(['Group operating: 2012 – ongoing', 'Cluster active: 2018 – Q1 2021']);
    expect(clusterPeriods('A', events, 'it')).toEqual(['Gruppo operativo: 2012 – in corso', 'Cluster attivo: 2018 – T1 2021']);
  });

  it('unites targets, tools and techniques over the cluster’s events, each technique linked', () => {
    expect(contentA.targets).toEqual(['telecommunications providers', 'Southeast Asian telecommunications providers', 'Microsoft Exchange servers']);
    expect(contentA.tools).toEqual([
      'China Chopper',
      'PcShare',
      'PoisonIvy',
      'PlugX',
      'Mimikatz',
      'HTRAN',
      'NBTscan',
      'PsExec',
      'BlackMould',
      'Windows Credential Editor',
    ]);
    expect(contentA.techniques.map((t) => t.text)).toEqual(['T1190', 'T1505.003', 'T1071.001', 'T1003.001', 'T1018', 'T1560.001', 'T1041', 'T1078']);
    expect(contentA.techniques[1]).toEqual({ text: 'T1505.003', href: 'https://attack.mitre.org/techniques/T1505/003/' });
    expect(contentA.techniques[0]).toEqual({ text: 'T1190', href: 'https://attack.mitre.org/techniques/T1190/' });
    expect(contentA.groups).toEqual([{ text: 'G0093', href: 'https://attack.mitre.org/groups/G0093/' }]);
    // The bundled data keeps ProxyLogon CVEs on context rows only.
    expect(contentA.cves).toEqual([]);
  });

  it('unites and links CVEs', () => {
    const context = events.filter((e) => e.cluster === 'context');
    const ids = unionCaseInsensitive([...context.map((e) => e.cves), ['cve-2021-26855']]);
    expect(ids).toEqual(['CVE-2021-26855', 'CVE-2021-26857', 'CVE-2021-26858', 'CVE-2021-27065']);
    expect(cveLinks(ids)[0]).toEqual({ text: 'CVE-2021-26855', href: 'https://nvd.nist.gov/vuln/detail/CVE-2021-26855' });
    const hafnium = eventPanelContent(event('bg-cve-2021-26855'), clusters, 'en');
    expect(hafnium.cves).toEqual([{ text: 'CVE-2021-26855', href: 'https://nvd.nist.gov/vuln/detail/CVE-2021-26855' }]);
  });

  it('gives A’s overlaps with B and with C, pairwise', () => {
    expect(contentA.overlaps).toEqual(['Overlaps Cluster B: Q4 2020 – Q1 2021', 'Overlaps Cluster C: 2018 – Q1 2021']);
    expect(clusterOverlapLines('A', clusters, events, meta.cutoff!, 'it')).toEqual([
      'Si sovrappone a Cluster B: T4 2020 – T1 2021',
      'Si sovrappone a Cluster C: 2018 – T1 2021',
    ]);
  });

  it('falls back to the latest date in the events as the cut-off when the metadata gives none', () => {
    const cutoff = panelCutoff(EMPTY_META, events);
    expect(cutoff.precision).toBe('day');
    // The latest date named is the CFR tracker's 2021-08, which runs to the end of August.
    expect(toCsvDate(cutoff)).toBe('2021-08-31');
    expect(toCsvDate(panelCutoff(meta, events))).toBe('2021-08-03');
    expect(clusterPanelContent(cluster('A'), clusters, events, EMPTY_META, 'en').overlaps).toEqual(contentA.overlaps);
  });

  it('words the attribution confidence: not stated for A, low and contested for C', () => {
    expect(contentA.attributedTo).toBe('Soft Cell (GALLIUM)');
    expect(contentA.attributionConfidence).toBe('Attribution confidence: not stated by the sources');
    expect(contentA.attributionContested).toBe(false);
    const c = attributionConfidenceText(cluster('C'), events, 'en');
    expect(c).toEqual({ text: 'Attribution confidence: low, contested', contested: true });
    expect(attributionConfidenceText(cluster('C'), events, 'it').text).toBe('Affidabilità dell’attribuzione: bassa, contestata');
    expect(attributionConfidenceText(cluster('A'), events, 'it').text).toBe('Affidabilità dell’attribuzione: non indicata dalle fonti');
  });

  it('takes the latest attribution event as the word on the cluster-to-actor link (B: the 2015 PLA claim is contested, the 2021 link is not)', () => {
    expect(attributionConfidenceText(cluster('B'), events, 'en').contested).toBe(false);
  });

  it('lists the cluster’s events in time order, then by title', () => {
    expect(contentA.events.map((e) => e.id)).toEqual([
      'a-operating',
      'a-activity',
      'a-softcell-first-detected',
      'a-exchange-chopper-pcshare',
      'a-softcell-report-2019',
      'a-microsoft-gallium-2019',
      'a-attribution',
    ]);
    expect(contentA.events[1]).toEqual({ id: 'a-activity', date: '2018 – Q1 2021', title: 'Cluster A activity (Soft Cell-linked)' });
  });

  it('lists every source once, the cluster’s own first, titled by the first event that names it', () => {
    expect(contentA.sources).toEqual([
      { text: 'ZDNet, 3 Aug 2021', href: 'https://www.zdnet.com/article/deadringer-chinese-apts-strike-major-telecommunications-companies/' },
      { text: 'MITRE ATT&CK G0093 GALLIUM', href: 'https://attack.mitre.org/groups/G0093' },
      { text: 'Infosecurity Magazine, VB2019', href: 'https://infosecurity-magazine.com/news/vb2019-telcos-exfiltration' },
      { text: 'Threatpost, 3 Aug 2021', href: 'https://threatpost.com/deadringer-targeted-exchange-servers-before-discovery/168300/' },
      { text: 'Cybereason, 25 Jun 2019', href: 'https://www.cybereason.com/blog/operation-soft-cell-a-worldwide-campaign-against-telecommunications-providers' },
    ]);
    const urls = contentA.sources.map((s) => s.href);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('names an untitled source by its hostname and drops non-http URLs', () => {
    const base = event('a-activity');
    const rows: TimelineEvent[] = [
      { ...base, id: 'x1', sourceTitle: '', sourceUrl: 'https://example.org/report' },
      { ...base, id: 'x2', sourceTitle: 'Example report', sourceUrl: 'https://example.org/report' },
      { ...base, id: 'x3', sourceTitle: 'Evil', sourceUrl: 'javascript:alert(1)' },
    ];
    expect(sourceLinks(null, rows)).toEqual([{ text: 'Example report', href: 'https://example.org/report' }]);
    expect(sourceLinks(null, rows.slice(0, 1))).toEqual([{ text: 'example.org', href: 'https://example.org/report' }]);
  });

  it('shows the Italian summary in Italian, the English one otherwise', () => {
    expect(clusterPanelContent(cluster('B'), clusters, events, meta, 'it').summary).toBe(cluster('B').summaryIt);
    expect(clusterPanelContent(cluster('B'), clusters, events, meta, 'en').summary).toBe(cluster('B').summary);
    expect(clusterPanelContent({ ...cluster('B'), summaryIt: '' }, clusters, events, meta, 'it').summary).toBe(cluster('B').summary);
  });
});

describe('event panel', () => {
  it('gives b-activity’s date, kind, cluster and confidence', () => {
    const content = eventPanelContent(event('b-activity'), clusters, 'en');
    expect(content).toMatchObject({
      heading: 'Cluster B activity (Naikon-linked)',
      date: 'Q4 2020 – Q1 2021',
      kind: 'activity',
      cluster: 'Cluster B — Naikon APT',
      confidence: 'moderate',
      contested: false,
      source: { text: 'ZDNet, 3 Aug 2021', href: 'https://www.zdnet.com/article/deadringer-chinese-apts-strike-major-telecommunications-companies/' },
    });
    expect(eventPanelContent(event('b-activity'), clusters, 'it')).toMatchObject({ date: 'T4 2020 – T1 2021', kind: 'attività', confidence: 'media' });
  });

  it('names the context lane, says "unstated" for a missing confidence, and keeps the contested flag', () => {
    const ctx = eventPanelContent({ ...event('bg-hafnium-disclosure'), confidence: null }, clusters, 'en');
    expect(ctx.cluster).toBe('Context');
    expect(ctx.confidence).toBe('unstated');
    expect(eventPanelContent(event('c-attribution'), clusters, 'en').contested).toBe(true);
  });
});

describe('about panel', () => {
  it('describes the bundled data: report, cut-off, key finding and two hypotheses', () => {
    const about = aboutPanelContent(meta, null, 'en');
    expect(about.report).toEqual({
      title: 'DeadRinger: Exposing Chinese Threat Actors Targeting Major Telcos',
      href: 'https://www.cybereason.com/blog/deadringer-exposing-chinese-threat-actors-targeting-major-telcos',
      byline: 'Cybereason Nocturnus, 3 Aug 2021',
    });
    expect(about.cutoff).toBe('Data cut-off: 3 Aug 2021');
    expect(about.keyFinding).toBe(meta.keyFinding!.en);
    expect(about.hypothesesHeading).toBe('Open question: two hypotheses');
    expect(about.hypotheses).toEqual(meta.hypotheses.map((h) => h.en));
    expect(about.licenses[0]!.href).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(about.sources.every((s) => s.href === null || /^https?:\/\//.test(s.href))).toBe(true);
    expect(about.note).toBeNull();
    const it = aboutPanelContent(meta, null, 'it');
    expect(it.keyFinding).toBe(meta.keyFinding!.it);
    expect(it.hypothesesHeading).toBe('Questione aperta: due ipotesi');
    expect(it.cutoff).toBe('Dati aggiornati al 3 ago 2021');
  });

  it('says where a user’s file came from when it describes nothing of itself', () => {
    expect(aboutPanelContent(EMPTY_META, 'my-report.csv', 'en').note).toBe('Loaded from my-report.csv; the file carries no description of itself.');
    expect(aboutPanelContent(EMPTY_META, 'my-report.csv', 'it').note).toBe('Dati caricati da my-report.csv; il file non contiene alcuna descrizione di sé.');
    expect(aboutPanelContent(EMPTY_META, null, 'en').note).toBe('No description of this data is available.');
  });
});
