import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  SOFTWARE_TYPES,
  STIX_CONFIDENCE,
  STIX_NAMESPACE,
  stixId,
  toStixBundle,
  type StixBundle,
  type StixObject,
  type StixRelationship,
} from '../../../src/export/stix';
import { EMPTY_META, readMetadata } from '../../../src/io/metadata';
import { loadDataset } from '../../../src/io/load';
import { dataCutoff } from '../../../src/model/intervals';
import type { TimelineEvent } from '../../../src/model/types';

const read = (name: string) => readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
const dataset = loadDataset({ events: { name: 'events.csv', text: read('events.csv') }, clusters: { name: 'clusters.csv', text: read('clusters.csv') } });
const meta = readMetadata(read('datapackage.json'));
const cutoff = dataCutoff(dataset.events, meta.cutoff);
const NOW = new Date('2030-06-15T12:34:56.789Z');
const exportOf = (events: readonly TimelineEvent[], now = NOW) => toStixBundle({ clusters: dataset.clusters, events, meta, cutoff, now });
const bundle = exportOf(dataset.events);

// --- the OASIS schemas, from the fixture copy (never from outside the project) ---
const SCHEMA_DIR = new URL('../../fixtures/stix2.1-json-schemas/schemas/', import.meta.url).pathname;
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : path.endsWith('.json') ? [path] : [];
  });
const schemas = jsonFiles(SCHEMA_DIR).map((path) => JSON.parse(readFileSync(path, 'utf8')) as { $id: string; [key: string]: unknown });
// unicodeRegExp: false because the schemas' patterns use escapes (`\-` outside a class) that the `u` flag rejects.
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
// ajv-formats has no idn-hostname (used only by the domain-name SCO, which the exporter never writes): accept it rather than log.
ajv.addFormat('idn-hostname', true);
for (const schema of schemas) ajv.addSchema(schema, schema.$id);
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const schemaIdFor = (type: string) => `${BASE}${type === 'relationship' ? 'sros' : type === 'bundle' ? 'common' : 'sdos'}/${type}.json`;
const schemaFor = (id: string) => schemas.find((s) => s.$id === id)!;

function validate(value: object): string[] {
  const type = (value as { type: string }).type;
  const check = ajv.getSchema(schemaIdFor(type));
  if (!check) return [`no schema for ${type}`];
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/**
 * The properties the specification defines for a type: core's plus the type schema's own. The schemas'
 * `additionalProperties: false` (common/properties.json) lets almost any name through — its pattern
 * `^([a-z][a-z0-9_]{2,249})|id$` is an unanchored alternation — so this is checked separately.
 */
function specProperties(type: string): Set<string> {
  const own = schemaFor(schemaIdFor(type)) as { allOf?: { properties?: Record<string, unknown> }[]; properties?: Record<string, unknown> };
  const core = schemaFor(`${BASE}common/core.json`) as unknown as { properties: Record<string, unknown> };
  const names = [...Object.keys(core.properties), ...Object.keys(own.properties ?? {}), ...(own.allOf ?? []).flatMap((part) => Object.keys(part.properties ?? {}))];
  if (type === 'malware') names.push('is_family');
  return new Set(names);
}

const ofType = <K extends StixObject['type']>(b: StixBundle, type: K) => b.objects.filter((o): o is Extract<StixObject, { type: K }> => o.type === type);
type Named = Exclude<StixObject, StixRelationship>;
const byName = (b: StixBundle, name: string) => b.objects.find((o): o is Named => 'name' in o && o.name === name);
const report = (b: StixBundle) => ofType(b, 'report')[0]!;
const refsOf = (o: object): string[] =>
  Object.entries(o).flatMap(([key, value]) => (key.endsWith('_ref') ? [value as string] : key.endsWith('_refs') ? (value as string[]) : []));

describe('the schema fixture', () => {
  it('is the whole STIX 2.1 schema set, each with a unique $id', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(50);
    expect(new Set(schemas.map((s) => s.$id)).size).toBe(schemas.length);
    for (const schema of schemas) expect(schema.$id.startsWith(BASE), schema.$id).toBe(true);
  });

  it('rejects what it should (so a pass means something)', () => {
    const reportObject = report(bundle);
    expect(validate({ ...reportObject, object_refs: [] })).not.toEqual([]);
    expect(validate({ ...reportObject, created: '2021-08-03T00:00:00Z' })).not.toEqual([]);
    expect(validate({ ...reportObject, id: 'report--not-a-uuid' })).not.toEqual([]);
    const vulnerability = ofType(bundle, 'vulnerability')[0]!;
    expect(validate({ ...vulnerability, external_references: [{ source_name: 'cve', external_id: 'CVE-2021-01234' }] })).not.toEqual([]);
  });
});

describe('toStixBundle on the bundled DeadRinger data', () => {
  it('validates every object against its schema, and the bundle against bundle.json', () => {
    expect(bundle.objects.length).toBeGreaterThan(40);
    for (const object of bundle.objects) expect(validate(object), object.id).toEqual([]);
    expect(validate(bundle)).toEqual([]);
  });

  it('writes only properties the specification defines: no custom ones', () => {
    for (const object of bundle.objects) {
      const allowed = specProperties(object.type);
      for (const key of Object.keys(object)) expect(allowed.has(key), `${object.type}.${key}`).toBe(true);
    }
    expect(Object.keys(bundle).sort()).toEqual(['id', 'objects', 'type']);
  });

  it('gives every object spec_version 2.1, a UUIDv5 id of its own type, and one timestamp', () => {
    const ids = bundle.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bundle.id).toMatch(/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const object of bundle.objects) {
      expect(object.spec_version).toBe('2.1');
      expect(object.id).toMatch(new RegExp(`^${object.type}--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
      // The report's date, not `now`: re-exports do not change with the clock.
      expect(object.created).toBe('2021-08-03T00:00:00.000Z');
      expect(object.modified).toBe(object.created);
    }
    expect(report(bundle).published).toBe('2021-08-03T00:00:00.000Z');
  });

  it('has exactly one intrusion set per cluster, named, with the clusters’ aliases', () => {
    const sets = ofType(bundle, 'intrusion-set');
    expect(sets).toHaveLength(3);
    expect(sets.map((s) => s.name)).toEqual(['Cluster A — Soft Cell', 'Cluster B — Naikon APT', 'Cluster C — OWA backdoor mini-cluster']);
    for (const [index, cluster] of dataset.clusters.entries()) {
      expect(sets[index]!.aliases).toEqual(cluster.aliases);
      expect(sets[index]!.description).toBe(cluster.summary);
      expect(sets[index]!.id).toBe(stixId('intrusion-set', `${meta.report!.title}:${cluster.id}`));
    }
  });

  it('dates each intrusion set by its activity rows: first_seen at the start, last_seen at the last millisecond of the end', () => {
    const seen = Object.fromEntries(ofType(bundle, 'intrusion-set').map((s) => [s.name.slice(8, 9), [s.first_seen, s.last_seen]]));
    expect(seen).toEqual({
      A: ['2018-01-01T00:00:00.000Z', '2021-03-31T23:59:59.999Z'],
      B: ['2020-10-01T00:00:00.000Z', '2021-03-31T23:59:59.999Z'],
      C: ['2017-01-01T00:00:00.000Z', '2021-03-31T23:59:59.999Z'],
    });
  });

  it('runs an open activity end to the cut-off', () => {
    const open = dataset.events.map((e) => (e.id === 'a-activity' ? { ...e, end: 'open' as const } : e));
    const a = ofType(exportOf(open), 'intrusion-set')[0]!;
    expect(a.last_seen).toBe('2021-08-03T23:59:59.999Z');
  });

  it('maps confidence high/moderate/low to 85/50/15 and leaves "not stated" out', () => {
    expect(STIX_CONFIDENCE).toEqual({ high: 85, moderate: 50, low: 15 });
    const sets = ofType(bundle, 'intrusion-set');
    expect(sets.map((s) => s.confidence)).toEqual([undefined, undefined, 15]);
    expect(sets.map((s) => 'confidence' in s)).toEqual([false, false, true]);

    const uses = (target: string) =>
      ofType(bundle, 'relationship').find((r) => r.source_ref === sets[0]!.id && r.target_ref === byName(bundle, target)!.id)!;
    expect(uses('China Chopper').confidence).toBe(85); // moderate (DeadRinger coverage) and high (2019 report): the strongest wins
    expect(uses('PcShare').confidence).toBe(50);

    const row = dataset.events.find((e) => e.id === 'a-exchange-chopper-pcshare')!;
    const single = (confidence: TimelineEvent['confidence']) =>
      ofType(exportOf([{ ...row, confidence }]), 'relationship').find((r) => r.target_ref === byName(bundle, 'PcShare')!.id)!;
    expect(single('low').confidence).toBe(15);
    expect('confidence' in single(null)).toBe(false);
  });

  it('links each cluster to its ATT&CK group and source', () => {
    const a = ofType(bundle, 'intrusion-set')[0]!;
    expect(a.external_references).toContainEqual({ source_name: 'mitre-attack', external_id: 'G0093', url: 'https://attack.mitre.org/groups/G0093/' });
    expect(a.external_references!.some((r) => r.url === dataset.clusters[0]!.sourceUrl)).toBe(true);
  });

  it('tells malware from tools by the documented table, with "tool" for unknown names', () => {
    const typeOf = (name: string) => byName(bundle, name)?.type;
    for (const name of ['China Chopper', 'PcShare', 'Nebulae', 'RainyDay', 'Aria-body', 'ExOwa', 'OwaAuth', 'DeployFilter', 'PlugX', 'PoisonIvy', 'BlackMould']) {
      expect(typeOf(name), name).toBe('malware');
      expect(byName(bundle, name), name).toMatchObject({ is_family: true });
    }
    for (const name of ['HTRAN', 'Mimikatz', 'Cobalt Strike', 'PsExec', 'PAExec', 'PsLogList', 'NBTscan', 'Windows Credential Editor']) expect(typeOf(name), name).toBe('tool');
    // Every software name in the bundled data is in the table.
    for (const tool of dataset.events.flatMap((e) => e.tools)) expect(SOFTWARE_TYPES[tool.toLowerCase()], tool).toBeDefined();

    const row = { ...dataset.events.find((e) => e.id === 'a-exchange-chopper-pcshare')!, tools: ['SomethingNew'] };
    const unknown = byName(exportOf([row]), 'SomethingNew')!;
    expect(unknown.type).toBe('tool');
    expect(unknown.id).toBe(stixId('tool', 'somethingnew'));
  });

  it('relates clusters only to what their own rows name: uses for software and techniques, targets for CVEs', () => {
    const relationships = ofType(bundle, 'relationship');
    const setIds = new Set(ofType(bundle, 'intrusion-set').map((s) => s.id));
    const nameOf = new Map(bundle.objects.map((o) => [o.id, 'name' in o ? o.name : o.id]));
    const expected = new Set<string>();
    for (const event of dataset.events.filter((e) => e.cluster !== 'context')) {
      const set = `Cluster ${event.cluster}`;
      for (const name of [...event.tools.map((t) => SOFTWARE_TYPES[t.toLowerCase()]!.name), ...event.techniques]) expected.add(`${set}|uses|${name}`);
      for (const cve of event.cves) expected.add(`${set}|targets|${cve}`);
    }
    const actual = new Set(relationships.map((r) => `${nameOf.get(r.source_ref)!.slice(0, 9)}|${r.relationship_type}|${nameOf.get(r.target_ref)}`));
    expect(actual).toEqual(expected);
    for (const r of relationships) {
      expect(setIds.has(r.source_ref)).toBe(true);
      expect(r.description).toMatch(/per the timeline event/);
    }
    // Context rows' software gets an object but no cluster relationship.
    expect(relationships.some((r) => r.target_ref === byName(bundle, 'Cobalt Strike')!.id)).toBe(false);
    expect(relationships.some((r) => r.target_ref === byName(bundle, 'DeployFilter')!.id)).toBe(false);
  });

  it('gives each technique an attack-pattern with its ATT&CK reference', () => {
    const techniques = [...new Set(dataset.events.flatMap((e) => e.techniques))].sort();
    const patterns = ofType(bundle, 'attack-pattern');
    expect(patterns.map((p) => p.name).sort()).toEqual(techniques);
    expect(byName(bundle, 'T1505.003')!.external_references).toEqual([
      { source_name: 'mitre-attack', external_id: 'T1505.003', url: 'https://attack.mitre.org/techniques/T1505/003/' },
    ]);
    expect(byName(bundle, 'T1190')!.external_references![0]!.url).toBe('https://attack.mitre.org/techniques/T1190/');
  });

  it('exports the ProxyLogon CVEs as vulnerabilities without relating them to any cluster', () => {
    const vulnerabilities = ofType(bundle, 'vulnerability');
    expect(vulnerabilities.map((v) => v.name).sort()).toEqual(['CVE-2021-26855', 'CVE-2021-26857', 'CVE-2021-26858', 'CVE-2021-27065']);
    for (const v of vulnerabilities) expect(v.external_references).toEqual([{ source_name: 'cve', external_id: v.name }]);
    const targets = new Set(ofType(bundle, 'relationship').map((r) => r.target_ref));
    for (const v of vulnerabilities) expect(targets.has(v.id)).toBe(false);
  });

  it('has one report that refers to every other object and cites the report and every row source', () => {
    const r = report(bundle);
    expect(ofType(bundle, 'report')).toHaveLength(1);
    expect(r.name).toBe(meta.report!.title);
    expect(r.report_types).toEqual(['threat-report']);
    expect(new Set(r.object_refs)).toEqual(new Set(bundle.objects.filter((o) => o.id !== r.id).map((o) => o.id)));
    expect(r.object_refs).toHaveLength(bundle.objects.length - 1);
    const urls = r.external_references!.map((ref) => ref.url);
    expect(urls[0]).toBe(meta.report!.url);
    expect(new Set(urls)).toEqual(new Set([meta.report!.url, ...dataset.events.map((e) => e.sourceUrl)]));
    expect(urls).toHaveLength(new Set(urls).size);
    expect(r.external_references![0]!.source_name).toBe('Cybereason Nocturnus');
  });

  it('resolves every *_ref and *_refs inside the bundle', () => {
    const ids = new Set(bundle.objects.map((o) => o.id));
    const refs = bundle.objects.flatMap(refsOf);
    expect(refs.length).toBeGreaterThan(bundle.objects.length);
    for (const ref of refs) expect(ids.has(ref), ref).toBe(true);
    const identity = ofType(bundle, 'identity');
    expect(identity).toHaveLength(1);
    for (const object of bundle.objects.filter((o) => o.type !== 'identity')) expect(object.created_by_ref).toBe(identity[0]!.id);
  });

  it('is deterministic: the same view and `now` give the same bytes, and ids are stable across runs', () => {
    const again = exportOf([...dataset.events]);
    expect(again).toEqual(bundle);
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
    // Pinned (checked against an independent SHA-1 UUIDv5): changing the namespace or the id keys would fork every imported object.
    expect(STIX_NAMESPACE).toBe('ebef3485-9133-452c-8dcf-7817fbe92e15');
    expect(stixId('attack-pattern', 'T1190')).toBe('attack-pattern--18ca886c-fbd7-5695-acf3-b80a77fa6f56');
    expect(ofType(bundle, 'intrusion-set')[0]!.id).toBe('intrusion-set--ff0d3ba4-b962-55a0-9550-c8e54306e3a0');
    // With a report date, `now` changes nothing at all.
    expect(exportOf(dataset.events, new Date('2040-01-01T00:00:00.000Z'))).toEqual(bundle);
  });

  it('uses `now` when the metadata gives no report date', () => {
    const undated = toStixBundle({ clusters: dataset.clusters, events: dataset.events, meta: EMPTY_META, cutoff, now: NOW });
    for (const object of undated.objects) expect(object.created).toBe('2030-06-15T12:34:56.789Z');
    expect(report(undated).published).toBe('2030-06-15T12:34:56.789Z');
    for (const object of undated.objects) expect(validate(object), object.id).toEqual([]);
    expect(validate(undated)).toEqual([]);
  });

  it('exports a filtered view: only cluster B’s rows give only B’s intrusion set and what B’s rows name', () => {
    const rows = dataset.events.filter((e) => e.cluster === 'B');
    const filtered = exportOf(rows);
    const sets = ofType(filtered, 'intrusion-set');
    expect(sets.map((s) => s.name)).toEqual(['Cluster B — Naikon APT']);
    expect(sets[0]!.id).toBe(ofType(bundle, 'intrusion-set')[1]!.id);
    expect(byName(filtered, 'China Chopper')).toBeUndefined();
    expect(ofType(filtered, 'vulnerability')).toEqual([]);
    expect(new Set(ofType(filtered, 'malware').map((m) => m.name))).toEqual(new Set(['Aria-body', 'RainyDay', 'Nebulae']));
    expect(report(filtered).id).toBe(report(bundle).id);
    expect(filtered.id).not.toBe(bundle.id);
    for (const object of filtered.objects) expect(validate(object), object.id).toEqual([]);
    expect(validate(filtered)).toEqual([]);
  });

  it('still gives a valid bundle for an empty view', () => {
    const empty = exportOf([]);
    expect(empty.objects.map((o) => o.type)).toEqual(['identity', 'report']);
    expect(validate(empty)).toEqual([]);
  });
});
