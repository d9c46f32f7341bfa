/**
 * STIX 2.1 export: what the current view shows, as one bundle that OpenCTI, MISP and other
 * STIX 2.1 consumers can import.
 *
 * Pure and deterministic: the same input (and the same `now`) gives a byte-identical bundle.
 * Every id is a UUIDv5 of a stable key under {@link STIX_NAMESPACE}, so re-exporting a view, or
 * exporting an overlapping one, names the same things with the same ids and importers merge them.
 * (STIX 2.1 §2.9 says SDO/SRO ids SHOULD be UUIDv4; it allows other RFC 4122 versions, and a
 * namespace of our own keeps name-based ids from colliding with anyone else's.)
 *
 * Only properties defined by the STIX 2.1 specification are written: no `x_` custom properties.
 */

import { v5 as uuidv5 } from 'uuid';
import type { DatasetMeta } from '../io/metadata';
import { formatDateRange, parseSourceDate } from '../model/dates';
import { eventSpan } from '../model/intervals';
import { CONTEXT_LANE, type Cluster, type Confidence, type TimelineEvent } from '../model/types';

/**
 * The UUIDv5 namespace of every id this exporter makes (a random UUIDv4 drawn once for this project;
 * never change it, or every exported id changes with it).
 */
export const STIX_NAMESPACE = 'ebef3485-9133-452c-8dcf-7817fbe92e15';

/** Who the bundle says made its objects (`created_by_ref`). The objects are our paraphrases, not the cited publishers' words. */
export const EXPORTER_NAME = 'deadringer-timeline';

/**
 * Our three-level confidence on the STIX 2.1 "Low/Med/High" scale (specification, Appendix A,
 * Confidence Scales): Low = 15, Med = 50, High = 85. "Not stated" (null) is left out rather than
 * written as 0, because 0 means "None" (no confidence) on that scale, which is a different claim.
 */
export const STIX_CONFIDENCE: Readonly<Record<Confidence, number>> = { high: 85, moderate: 50, low: 15 };

export type SoftwareType = 'malware' | 'tool';

/**
 * Malware or tool, for the software named in the bundled data (keys lower-cased). Where MITRE ATT&CK
 * has the software, its classification is used (so an import lines up with the ATT&CK data set):
 * China Chopper S0020, PcShare S1050, Nebulae S0630, RainyDay, Aria-body S0456, OwaAuth S0072, PlugX,
 * PoisonIvy and BlackMould are malware; HTRAN (S0040), Mimikatz, Cobalt Strike, PsExec, NBTscan and
 * Windows Credential Editor are tools. Not in ATT&CK: ExOwa and DeployFilter (malicious IIS modules
 * per PwC) are malware; PsLogList and PAExec (legitimate admin utilities) are tools.
 * Any other name is exported as a `tool`: calling unknown software "malware" would be a claim the
 * data does not make, while "tool" only says it was used.
 */
export const SOFTWARE_TYPES: Readonly<Record<string, { readonly name: string; readonly type: SoftwareType }>> = {
  'china chopper': { name: 'China Chopper', type: 'malware' },
  pcshare: { name: 'PcShare', type: 'malware' },
  nebulae: { name: 'Nebulae', type: 'malware' },
  rainyday: { name: 'RainyDay', type: 'malware' },
  'aria-body': { name: 'Aria-body', type: 'malware' },
  exowa: { name: 'ExOwa', type: 'malware' },
  owaauth: { name: 'OwaAuth', type: 'malware' },
  deployfilter: { name: 'DeployFilter', type: 'malware' },
  plugx: { name: 'PlugX', type: 'malware' },
  poisonivy: { name: 'PoisonIvy', type: 'malware' },
  blackmould: { name: 'BlackMould', type: 'malware' },
  htran: { name: 'HTRAN', type: 'tool' },
  mimikatz: { name: 'Mimikatz', type: 'tool' },
  'cobalt strike': { name: 'Cobalt Strike', type: 'tool' },
  psexec: { name: 'PsExec', type: 'tool' },
  paexec: { name: 'PAExec', type: 'tool' },
  psloglist: { name: 'PsLogList', type: 'tool' },
  nbtscan: { name: 'NBTscan', type: 'tool' },
  'windows credential editor': { name: 'Windows Credential Editor', type: 'tool' },
};

export interface StixExternalReference {
  readonly source_name: string;
  readonly description?: string;
  readonly url?: string;
  readonly external_id?: string;
}

interface StixCommon {
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly modified: string;
  readonly created_by_ref?: string;
  readonly confidence?: number;
  readonly external_references?: readonly StixExternalReference[];
}

export interface StixIdentity extends StixCommon {
  readonly type: 'identity';
  readonly name: string;
  readonly description: string;
  readonly identity_class: 'system';
}

export interface StixIntrusionSet extends StixCommon {
  readonly type: 'intrusion-set';
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: string;
  readonly last_seen?: string;
}

export interface StixMalware extends StixCommon {
  readonly type: 'malware';
  readonly name: string;
  readonly is_family: true;
}

export interface StixTool extends StixCommon {
  readonly type: 'tool';
  readonly name: string;
}

export interface StixAttackPattern extends StixCommon {
  readonly type: 'attack-pattern';
  readonly name: string;
}

export interface StixVulnerability extends StixCommon {
  readonly type: 'vulnerability';
  readonly name: string;
}

export interface StixRelationship extends StixCommon {
  readonly type: 'relationship';
  readonly relationship_type: 'uses' | 'targets';
  readonly source_ref: string;
  readonly target_ref: string;
  readonly description: string;
}

export interface StixReport extends StixCommon {
  readonly type: 'report';
  readonly name: string;
  readonly description: string;
  readonly published: string;
  readonly report_types: readonly ['threat-report'];
  readonly object_refs: readonly string[];
}

export type StixObject =
  | StixIdentity
  | StixIntrusionSet
  | StixMalware
  | StixTool
  | StixAttackPattern
  | StixVulnerability
  | StixRelationship
  | StixReport;

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: readonly StixObject[];
}

export interface StixExportInput {
  /** All clusters of the dataset; only those the events refer to are exported. */
  readonly clusters: readonly Cluster[];
  /** The rows the view shows. */
  readonly events: readonly TimelineEvent[];
  readonly meta: DatasetMeta;
  /** The data's cut-off (exclusive, UTC ms, as `dataCutoff` gives it): where open ends stop. */
  readonly cutoff: number;
  /** Stands in for the report date when the metadata has none. Defaults to the current time. */
  readonly now?: Date;
}

/** The id of a STIX object of `type` named by `key`: `type--uuid5(STIX_NAMESPACE, "type:key")`. */
export function stixId(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}:${key}`, STIX_NAMESPACE)}`;
}

/** `T1505.003` → `https://attack.mitre.org/techniques/T1505/003/`. */
export function techniqueUrl(techniqueId: string): string {
  return `https://attack.mitre.org/techniques/${techniqueId.replace('.', '/')}/`;
}

/** What the STIX schema accepts as a CVE id in an external reference (stricter than the CSV reader). */
const STIX_CVE = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;
const GROUP_ID = /^G\d{4}$/;

const timestamp = (time: number): string => new Date(time).toISOString();

/** An external reference's source_name: never `cve`/`capec`, which the schema reserves for ids of that form. */
function sourceName(preferred: string, url: string): string {
  const name = preferred.trim();
  if (name !== '' && !/^(cve|capec)$/i.test(name)) return name;
  try {
    return new URL(url).hostname;
  } catch {
    return 'source';
  }
}

const strongest = (confidences: readonly (Confidence | null)[]): number | undefined => {
  const values = confidences.filter((c): c is Confidence => c !== null).map((c) => STIX_CONFIDENCE[c]);
  return values.length ? Math.max(...values) : undefined;
};

/** The view as a STIX 2.1 bundle: intrusion sets, software, techniques, CVEs, their relationships and one report. */
export function toStixBundle(input: StixExportInput): StixBundle {
  const { meta, cutoff } = input;
  const now = input.now ?? new Date();
  const reportDate = meta.report ? parseSourceDate(meta.report.date) : null;
  const stamp = timestamp(reportDate?.ok ? reportDate.value.earliest : now.getTime());
  const datasetName = meta.report?.title ?? meta.title ?? 'Threat-actor timeline';

  const identityId = stixId('identity', EXPORTER_NAME);
  const common = (id: string) => ({ spec_version: '2.1' as const, id, created: stamp, modified: stamp, created_by_ref: identityId });

  const identity: StixIdentity = {
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: stamp,
    modified: stamp,
    name: EXPORTER_NAME,
    description: 'Interactive threat-actor timeline. Its objects paraphrase the cited sources; each relationship names the timeline events behind it.',
    identity_class: 'system',
  };

  // Clusters the visible events refer to, in the dataset's cluster order. Their ids are scoped by the
  // dataset's name: cluster ids such as "A" are only unique within one dataset.
  const clusterById = new Map(input.clusters.map((c) => [c.id, c]));
  const referenced = new Set(input.events.map((e) => e.cluster).filter((id) => id !== CONTEXT_LANE && clusterById.has(id)));
  const clusters = input.clusters.filter((c) => referenced.has(c.id));
  const clusterId = (cluster: Cluster) => stixId('intrusion-set', `${datasetName}:${cluster.id}`);

  const intrusionSets: StixIntrusionSet[] = clusters.map((cluster) => {
    const spans = input.events.filter((e) => e.cluster === cluster.id && e.kind === 'activity').map((e) => eventSpan(e, cutoff));
    const references: StixExternalReference[] = cluster.mitreGroups
      .filter((g) => GROUP_ID.test(g))
      .map((g) => ({ source_name: 'mitre-attack', external_id: g, url: `https://attack.mitre.org/groups/${g}/` }));
    if (cluster.sourceUrl) references.push({ source_name: sourceName('', cluster.sourceUrl), url: cluster.sourceUrl, description: `Source for ${cluster.label}'s attribution` });
    return {
      type: 'intrusion-set',
      ...common(clusterId(cluster)),
      name: cluster.name ? `${cluster.label} — ${cluster.name}` : cluster.label,
      ...(cluster.summary ? { description: cluster.summary } : {}),
      ...(cluster.aliases.length ? { aliases: [...cluster.aliases] } : {}),
      // last_seen is the last millisecond inside the activity (2021-Q1 → 2021-03-31T23:59:59.999Z),
      // not the exclusive end, which would name a day of no observed activity.
      ...(spans.length
        ? { first_seen: timestamp(Math.min(...spans.map((s) => s.from))), last_seen: timestamp(Math.max(...spans.map((s) => s.to)) - 1) }
        : {}),
      ...(cluster.attributionConfidence ? { confidence: STIX_CONFIDENCE[cluster.attributionConfidence] } : {}),
      ...(references.length ? { external_references: references } : {}),
    };
  });

  // Software, techniques and CVEs of every visible row (context rows included), in order of first mention.
  const software = new Map<string, StixMalware | StixTool>();
  const techniques = new Map<string, StixAttackPattern>();
  const vulnerabilities = new Map<string, StixVulnerability>();
  const softwareId = (name: string) => {
    const key = name.trim().toLowerCase();
    const known = SOFTWARE_TYPES[key];
    return stixId(known?.type ?? 'tool', key);
  };
  for (const event of input.events) {
    for (const tool of event.tools) {
      const key = tool.trim().toLowerCase();
      if (key === '' || software.has(key)) continue;
      const known = SOFTWARE_TYPES[key];
      const name = known?.name ?? tool.trim();
      software.set(
        key,
        known?.type === 'malware'
          ? { type: 'malware', ...common(softwareId(key)), name, is_family: true }
          : { type: 'tool', ...common(softwareId(key)), name },
      );
    }
    for (const technique of event.techniques) {
      if (techniques.has(technique)) continue;
      techniques.set(technique, {
        type: 'attack-pattern',
        ...common(stixId('attack-pattern', technique)),
        name: technique,
        external_references: [{ source_name: 'mitre-attack', external_id: technique, url: techniqueUrl(technique) }],
      });
    }
    for (const cve of event.cves) {
      if (vulnerabilities.has(cve)) continue;
      vulnerabilities.set(cve, {
        type: 'vulnerability',
        ...common(stixId('vulnerability', cve)),
        name: cve,
        ...(STIX_CVE.test(cve) ? { external_references: [{ source_name: 'cve', external_id: cve }] } : {}),
      });
    }
  }

  // Relationships from a cluster's own rows: uses (software, techniques) and targets (CVEs).
  interface Support {
    readonly type: 'uses' | 'targets';
    readonly source: string;
    readonly target: string;
    readonly events: TimelineEvent[];
  }
  const supports = new Map<string, Support>();
  const support = (type: Support['type'], source: string, target: string, event: TimelineEvent) => {
    const key = `${source}|${type}|${target}`;
    const found = supports.get(key);
    if (found) {
      if (!found.events.includes(event)) found.events.push(event);
    } else supports.set(key, { type, source, target, events: [event] });
  };
  for (const event of input.events) {
    const cluster = referenced.has(event.cluster) ? clusterById.get(event.cluster) : undefined;
    if (!cluster) continue;
    const source = clusterId(cluster);
    for (const tool of event.tools) if (tool.trim() !== '') support('uses', source, softwareId(tool), event);
    for (const technique of event.techniques) support('uses', source, techniques.get(technique)!.id, event);
    for (const cve of event.cves) support('targets', source, vulnerabilities.get(cve)!.id, event);
  }
  const names = new Map<string, string>(
    [...intrusionSets, ...software.values(), ...techniques.values(), ...vulnerabilities.values()].map((o) => [o.id, o.name]),
  );
  const relationships: StixRelationship[] = [...supports.entries()].map(([key, s]) => {
    const confidence = strongest(s.events.map((e) => e.confidence));
    const verb = s.type === 'uses' ? 'uses' : 'targets';
    return {
      type: 'relationship',
      ...common(stixId('relationship', key)),
      relationship_type: s.type,
      source_ref: s.source,
      target_ref: s.target,
      description: `${names.get(s.source)} ${verb} ${names.get(s.target)}, per the timeline event${s.events.length > 1 ? 's' : ''}: ${s.events.map(describeEvent).join('; ')}.`,
      ...(confidence !== undefined ? { confidence } : {}),
    };
  });

  const described: StixObject[] = [identity, ...intrusionSets, ...software.values(), ...techniques.values(), ...vulnerabilities.values(), ...relationships];

  // The report: the dataset's own reference first, then every distinct source URL of the visible rows.
  const references: StixExternalReference[] = [];
  const seenUrls = new Set<string>();
  if (meta.report?.url) {
    seenUrls.add(meta.report.url);
    references.push({ source_name: sourceName(meta.report.publisher, meta.report.url), url: meta.report.url, description: meta.report.title });
  }
  for (const event of input.events) {
    if (!event.sourceUrl || seenUrls.has(event.sourceUrl)) continue;
    seenUrls.add(event.sourceUrl);
    references.push({ source_name: sourceName(event.sourceTitle, event.sourceUrl), url: event.sourceUrl });
  }
  const license = meta.licenses[0];
  const description = [
    meta.description ?? `Timeline data exported from ${EXPORTER_NAME}.`,
    `This bundle holds the ${input.events.length} timeline event${input.events.length === 1 ? '' : 's'} of the exported view.`,
    license ? `Licence: ${license.title}${license.url ? ` (${license.url})` : ''}.` : '',
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  const report: StixReport = {
    type: 'report',
    ...common(stixId('report', datasetName)),
    name: datasetName,
    description,
    published: stamp,
    report_types: ['threat-report'],
    object_refs: described.map((o) => o.id),
    ...(references.length ? { external_references: references } : {}),
  };

  const objects: StixObject[] = [identity, report, ...described.slice(1)];
  const bundleKey = objects
    .map((o) => o.id)
    .sort()
    .join('\n');
  return { type: 'bundle', id: stixId('bundle', bundleKey), objects };
}

function describeEvent(event: TimelineEvent): string {
  const source = event.sourceTitle ? `, ${event.sourceTitle}` : '';
  const contested = event.contested ? ', contested' : '';
  return `"${event.title}" (${formatDateRange(event.start, event.end)}${source}${contested})`;
}
