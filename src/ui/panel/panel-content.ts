/**
 * What the detail panel shows, derived from the data by pure functions (no DOM), so that every
 * line of text and every link can be unit-tested in Node. The element only lays these out.
 */
import { formatDateRange, formatSourceDate, parseSourceDate, type Lang, type SourceDate } from '../../model/dates';
import { dataCutoffDate } from '../../model/intervals';
import { computeOverlaps, formatOverlapRange } from '../../model/overlaps';
import type { Cluster, TimelineEvent } from '../../model/types';
import type { DatasetMeta } from '../../io/metadata';
import { kindLabel, msg } from '../../i18n/messages';
import { clusterDisplayName, clusterHeading } from '../../i18n/names';
import { panelMsg } from '../../i18n/panel-messages';

export { clusterDisplayName, clusterHeading };

/** A piece of text that is a link when `href` is set; `href` is only ever an http(s) URL. */
export interface PanelLink {
  readonly text: string;
  readonly href: string | null;
}

/** One of the cluster's events in the panel's list. */
export interface PanelEventItem {
  readonly id: string;
  readonly date: string;
  readonly title: string;
}

export interface ClusterPanelContent {
  readonly heading: string;
  readonly attributedTo: string;
  /** "Attribution confidence: low, contested" */
  readonly attributionConfidence: string;
  readonly attributionContested: boolean;
  readonly aliases: readonly string[];
  readonly groups: readonly PanelLink[];
  readonly summary: string;
  /** "Group operating: 2012 – ongoing", "Cluster active: 2018 – Q1 2021" */
  readonly periods: readonly string[];
  readonly targets: readonly string[];
  readonly tools: readonly string[];
  readonly techniques: readonly PanelLink[];
  readonly cves: readonly PanelLink[];
  /** "Overlaps Cluster C: 2018 – Q1 2021" */
  readonly overlaps: readonly string[];
  readonly events: readonly PanelEventItem[];
  readonly sources: readonly PanelLink[];
}

export interface EventPanelContent {
  readonly heading: string;
  readonly date: string;
  readonly kind: string;
  readonly cluster: string;
  /** The confidence in words; "unstated" when the data gives none. */
  readonly confidence: string;
  readonly contested: boolean;
  readonly summary: string;
  readonly targets: readonly string[];
  readonly tools: readonly string[];
  readonly techniques: readonly PanelLink[];
  readonly cves: readonly PanelLink[];
  readonly source: PanelLink | null;
}

export interface AboutPanelContent {
  readonly title: string | null;
  readonly description: string | null;
  readonly report: { readonly title: string; readonly href: string | null; readonly byline: string } | null;
  /** "Data cut-off: 3 Aug 2021" */
  readonly cutoff: string | null;
  readonly keyFinding: string | null;
  readonly hypothesesHeading: string;
  readonly hypotheses: readonly string[];
  readonly sources: readonly PanelLink[];
  readonly licenses: readonly PanelLink[];
  /** "Loaded from my.csv; the file carries no description of itself." when a user file says nothing about itself. */
  readonly note: string | null;
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const GROUP_ID = /^G\d{4}$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** The URL itself when it is a well-formed http(s) URL, else null. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** `T1505.003` → https://attack.mitre.org/techniques/T1505/003/; null for anything that is not a technique ID. */
export function attackTechniqueUrl(id: string): string | null {
  if (!TECHNIQUE_ID.test(id)) return null;
  const [technique, sub] = id.split('.');
  return sub ? `https://attack.mitre.org/techniques/${technique}/${sub}/` : `https://attack.mitre.org/techniques/${technique}/`;
}

/** `G0019` → https://attack.mitre.org/groups/G0019/; null for anything that is not a group ID. */
export function attackGroupUrl(id: string): string | null {
  return GROUP_ID.test(id) ? `https://attack.mitre.org/groups/${id}/` : null;
}

/** `CVE-2021-26855` → https://nvd.nist.gov/vuln/detail/CVE-2021-26855; null for anything that is not a CVE ID. */
export function cveUrl(id: string): string | null {
  return CVE_ID.test(id) ? `https://nvd.nist.gov/vuln/detail/${id}` : null;
}

/** The union of several lists, in first-seen order, dropping blanks and case-insensitive repeats. */
export function unionCaseInsensitive(lists: Iterable<readonly string[]>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const raw of list) {
      const item = raw.trim();
      const key = item.toLowerCase();
      if (item === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** Time order: earliest start first, then title. */
export function byTime(a: TimelineEvent, b: TimelineEvent): number {
  return a.start.earliest - b.start.earliest || a.title.localeCompare(b.title);
}

/** An event's summary in the panel's language, falling back to English. */
export function localSummary(item: { readonly summary: string; readonly summaryIt: string }, lang: Lang): string {
  return lang === 'it' && item.summaryIt.trim() !== '' ? item.summaryIt : item.summary;
}

/** The hostname of a URL, or the URL itself when it cannot be parsed. */
export function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Technique IDs as links to ATT&CK (plain text when the ID is not well formed). */
export function techniqueLinks(ids: readonly string[]): PanelLink[] {
  return ids.map((id) => ({ text: id, href: attackTechniqueUrl(id) }));
}

/** CVE IDs as links to the NVD (plain text when the ID is not well formed). */
export function cveLinks(ids: readonly string[]): PanelLink[] {
  return ids.map((id) => ({ text: id, href: cveUrl(id) }));
}

/** The cut-off overlaps run to: the metadata's, else the day the latest date in the events ends. */
export function panelCutoff(meta: DatasetMeta, events: readonly TimelineEvent[]): SourceDate {
  return dataCutoffDate(events, meta.cutoff);
}

/** "Group operating: 2012 – ongoing", "Cluster active: 2018 – Q1 2021": operating periods first, then activity. */
export function clusterPeriods(clusterId: string, events: readonly TimelineEvent[], lang: Lang): string[] {
  const own = events.filter((e) => e.cluster === clusterId);
  const lines = (kind: 'operating' | 'activity') =>
    own
      .filter((e) => e.kind === kind)
      .sort(byTime)
      .map((e) => panelMsg(lang, kind === 'operating' ? 'periodOperating' : 'periodActivity', { range: formatDateRange(e.start, e.end, lang) }));
  return [...lines('operating'), ...lines('activity')];
}

/**
 * How confident the cluster's attribution is, in words. It counts as contested when the cluster's
 * latest `attribution` event (the current word on the cluster-to-actor link) is contested.
 */
export function attributionConfidenceText(
  cluster: Cluster,
  events: readonly TimelineEvent[],
  lang: Lang,
): { readonly text: string; readonly contested: boolean } {
  const latest = events
    .filter((e) => e.cluster === cluster.id && e.kind === 'attribution')
    .sort((a, b) => b.start.earliest - a.start.earliest || b.row - a.row)[0];
  const contested = latest?.contested ?? false;
  const level = cluster.attributionConfidence
    ? msg(lang, `confidence_${cluster.attributionConfidence}`)
    : panelMsg(lang, 'attributionNotStated');
  return { text: panelMsg(lang, contested ? 'attributionConfidenceContested' : 'attributionConfidence', { level }), contested };
}

/** "Overlaps Cluster C: 2018 – Q1 2021", one line per stretch, computed pairwise against every other cluster. */
export function clusterOverlapLines(
  clusterId: string,
  clusters: readonly Cluster[],
  events: readonly TimelineEvent[],
  cutoff: SourceDate,
  lang: Lang,
): string[] {
  const lines: string[] = [];
  for (const other of clusters) {
    if (other.id === clusterId) continue;
    for (const overlap of computeOverlaps(events, [clusterId, other.id], cutoff)) {
      lines.push(panelMsg(lang, 'overlapWith', { cluster: other.label, range: formatOverlapRange(overlap, lang) }));
    }
  }
  return lines;
}

/**
 * Every source as a link, deduplicated by URL: the cluster's own source first, then each event's in
 * the order given. A link's text is the first source title any event gives for that URL, else its hostname.
 */
export function sourceLinks(cluster: Cluster | null, events: readonly TimelineEvent[]): PanelLink[] {
  const order: string[] = [];
  const titles = new Map<string, string>();
  const add = (url: string | null, title: string) => {
    const href = safeHttpUrl(url);
    if (!href) return;
    if (!titles.has(href)) {
      order.push(href);
      titles.set(href, '');
    }
    if (titles.get(href) === '' && title.trim() !== '') titles.set(href, title.trim());
  };
  if (cluster) add(cluster.sourceUrl, '');
  for (const event of events) add(event.sourceUrl, event.sourceTitle);
  return order.map((href) => ({ text: titles.get(href) || hostnameOf(href), href }));
}

/** Everything the cluster view shows. `events` are the rows the current filters show. */
export function clusterPanelContent(
  cluster: Cluster,
  clusters: readonly Cluster[],
  events: readonly TimelineEvent[],
  meta: DatasetMeta,
  lang: Lang,
): ClusterPanelContent {
  const own = events.filter((e) => e.cluster === cluster.id).sort(byTime);
  const attribution = attributionConfidenceText(cluster, events, lang);
  return {
    heading: clusterHeading(cluster),
    attributedTo: cluster.attributedTo,
    attributionConfidence: attribution.text,
    attributionContested: attribution.contested,
    aliases: unionCaseInsensitive([cluster.aliases]),
    groups: unionCaseInsensitive([cluster.mitreGroups]).map((id) => ({ text: id, href: attackGroupUrl(id) })),
    summary: localSummary(cluster, lang),
    periods: clusterPeriods(cluster.id, own, lang),
    targets: unionCaseInsensitive(own.map((e) => e.targets)),
    tools: unionCaseInsensitive(own.map((e) => e.tools)),
    techniques: techniqueLinks(unionCaseInsensitive(own.map((e) => e.techniques))),
    cves: cveLinks(unionCaseInsensitive(own.map((e) => e.cves))),
    overlaps: clusterOverlapLines(cluster.id, clusters, events, panelCutoff(meta, events), lang),
    events: own.map((e) => ({ id: e.id, date: formatDateRange(e.start, e.end, lang), title: e.title })),
    sources: sourceLinks(cluster, own),
  };
}

/** Everything the event view shows. */
export function eventPanelContent(event: TimelineEvent, clusters: readonly Cluster[], lang: Lang): EventPanelContent {
  const href = safeHttpUrl(event.sourceUrl);
  const title = event.sourceTitle.trim();
  return {
    heading: event.title,
    date: formatDateRange(event.start, event.end, lang),
    kind: kindLabel(lang, event.kind),
    cluster: clusterDisplayName(event.cluster, clusters, lang),
    confidence: event.confidence ? msg(lang, `confidence_${event.confidence}`) : msg(lang, 'unstated'),
    contested: event.contested,
    summary: localSummary(event, lang),
    targets: unionCaseInsensitive([event.targets]),
    tools: unionCaseInsensitive([event.tools]),
    techniques: techniqueLinks(unionCaseInsensitive([event.techniques])),
    cves: cveLinks(unionCaseInsensitive([event.cves])),
    source: href ? { text: title || hostnameOf(href), href } : title ? { text: title, href: null } : null,
  };
}

/** A date the metadata gives as text ("2021-08-03"), formatted like the chart's dates when it parses. */
function metaDate(text: string, lang: Lang): string {
  const parsed = parseSourceDate(text);
  return parsed.ok ? formatSourceDate(parsed.value, lang) : text;
}

/** Everything the "About this data" view shows. Every field of `meta` may be missing. */
export function aboutPanelContent(meta: DatasetMeta, sourceName: string | null, lang: Lang): AboutPanelContent {
  const report = meta.report
    ? {
        title: meta.report.title,
        href: safeHttpUrl(meta.report.url),
        byline: [meta.report.publisher, meta.report.date ? metaDate(meta.report.date, lang) : ''].filter((s) => s !== '').join(', '),
      }
    : null;
  const count = meta.hypotheses.length;
  const links = (items: readonly { title: string; url: string | null }[]) => items.map((s) => ({ text: s.title, href: safeHttpUrl(s.url) }));
  const empty =
    !meta.title && !meta.description && !report && !meta.cutoff && !meta.keyFinding && count === 0 && meta.sources.length === 0 && meta.licenses.length === 0;
  return {
    title: meta.title,
    description: meta.description,
    report,
    cutoff: meta.cutoff ? panelMsg(lang, 'cutoff', { date: formatSourceDate(meta.cutoff, lang) }) : null,
    keyFinding: meta.keyFinding ? meta.keyFinding[lang] : null,
    hypothesesHeading: panelMsg(lang, count === 1 ? 'hypothesesOne' : count === 2 ? 'hypothesesTwo' : 'hypothesesMany', { count }),
    hypotheses: meta.hypotheses.map((h) => h[lang]),
    sources: links(meta.sources),
    licenses: links(meta.licenses),
    note: !report && sourceName ? panelMsg(lang, 'loadedFrom', { name: sourceName }) : empty ? panelMsg(lang, 'noDescription') : null,
  };
}
