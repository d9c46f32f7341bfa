import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAVIGATOR_VERSIONS, toNavigatorLayer, type NavigatorLayer } from '../../../src/export/attack-navigator';
import { loadDataset } from '../../../src/io/load';
import type { TimelineEvent } from '../../../src/model/types';

const read = (name: string) => readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
const dataset = loadDataset({ events: { name: 'events.csv', text: read('events.csv') }, clusters: { name: 'clusters.csv', text: read('clusters.csv') } });
const TITLE = 'DeadRinger: Exposing Chinese Threat Actors Targeting Major Telcos';
const layerOf = (events: readonly TimelineEvent[], mode: 'count' | 'cluster') => toNavigatorLayer({ clusters: dataset.clusters, events, title: TITLE, mode });
const scores = (layer: NavigatorLayer) => Object.fromEntries(layer.techniques.map((t) => [t.techniqueID, t.score]));
const techniquesOf = (events: readonly TimelineEvent[]) => [...new Set(events.flatMap((e) => e.techniques))].sort();

describe('toNavigatorLayer', () => {
  it('lists exactly the techniques of the visible rows, sub-techniques as such and without added parents', () => {
    const layer = layerOf(dataset.events, 'count');
    expect(layer.techniques.map((t) => t.techniqueID)).toEqual(techniquesOf(dataset.events));
    const ids = new Set(layer.techniques.map((t) => t.techniqueID));
    expect(ids.has('T1505.003')).toBe(true);
    expect(ids.has('T1505')).toBe(false);
    for (const t of layer.techniques) {
      expect(t.techniqueID).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect('showSubtechniques' in t).toBe(false);
    }
    expect(layer.layout.expandedSubtechniques).toBe('annotated');
  });

  it('scores by the number of visible events naming the technique in count mode', () => {
    const layer = layerOf(dataset.events, 'count');
    const expected = Object.fromEntries(techniquesOf(dataset.events).map((id) => [id, dataset.events.filter((e) => e.techniques.includes(id)).length]));
    expect(scores(layer)).toEqual(expected);
    expect(scores(layer)['T1190']).toBe(2);
    const t1190 = layer.techniques.find((t) => t.techniqueID === 'T1190')!;
    expect(t1190.comment).toMatch(/^2 events: Cluster A: /);
  });

  it('scores by the number of distinct clusters in cluster mode, and names them', () => {
    const layer = layerOf(dataset.events, 'cluster');
    const expected = Object.fromEntries(
      techniquesOf(dataset.events).map((id) => [id, new Set(dataset.events.filter((e) => e.techniques.includes(id) && e.cluster !== 'context').map((e) => e.cluster)).size]),
    );
    expect(scores(layer)).toEqual(expected);
    const comment = (id: string) => layer.techniques.find((t) => t.techniqueID === id)!.comment;
    expect(comment('T1071.001')).toBe('Cluster A, Cluster C');
    expect(comment('T1105')).toBe('Cluster B, Cluster C');
    expect(comment('T1190')).toBe('Cluster A');
    // Named only by a background row: listed, but used by no cluster.
    expect(scores(layer)['T1087']).toBe(0);
    expect(comment('T1087')).toMatch(/No cluster/);
    // Count and cluster scores differ where one cluster names a technique in several rows.
    expect(scores(layerOf(dataset.events, 'count'))['T1190']).toBe(2);
    expect(scores(layer)['T1190']).toBe(1);
  });

  it('gives a filtered view only its own techniques', () => {
    const rows = dataset.events.filter((e) => e.cluster === 'B');
    for (const mode of ['count', 'cluster'] as const) {
      const layer = layerOf(rows, mode);
      expect(layer.techniques.map((t) => t.techniqueID)).toEqual(techniquesOf(rows));
      expect(layer.techniques.some((t) => t.techniqueID === 'T1190')).toBe(false);
    }
    expect(layerOf(rows, 'cluster').techniques.every((t) => t.score === 1 && t.comment === 'Cluster B')).toBe(true);
    expect(layerOf([], 'count').techniques).toEqual([]);
  });

  it('is a JSON layer in format 4.5 with the required fields and a usable gradient', () => {
    for (const mode of ['count', 'cluster'] as const) {
      const layer = layerOf(dataset.events, mode);
      expect(JSON.parse(JSON.stringify(layer))).toEqual(layer);
      expect(layer.name).toBe(TITLE);
      expect(layer.domain).toBe('enterprise-attack');
      expect(layer.versions).toEqual(NAVIGATOR_VERSIONS);
      expect(layer.versions.layer).toBe('4.5');
      // Layer format 4.5 requires navigator ≥ 4.9.0.
      const [major, minor] = layer.versions.navigator.split('.').map(Number) as [number, number];
      expect(major > 4 || (major === 4 && minor >= 9)).toBe(true);
      expect(layer.metadata).toContainEqual({ name: 'source', value: TITLE });
      expect(layer.gradient.colors.length).toBeGreaterThanOrEqual(2);
      expect(layer.gradient.minValue).toBe(0);
      expect(layer.gradient.maxValue).toBe(Math.max(...layer.techniques.map((t) => t.score)));
      expect(layer.gradient.maxValue).toBeGreaterThan(layer.gradient.minValue);
      expect(layer.description).toContain(`${dataset.events.length} timeline events`);
    }
    expect(layerOf([], 'cluster').gradient).toMatchObject({ minValue: 0, maxValue: 1 });
    expect(toNavigatorLayer({ clusters: [], events: [], title: 'x', mode: 'count', source: 'Some report' }).metadata[0]).toEqual({ name: 'source', value: 'Some report' });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(layerOf([...dataset.events].reverse(), 'cluster').techniques.map((t) => [t.techniqueID, t.score]))).toBe(
      JSON.stringify(layerOf(dataset.events, 'cluster').techniques.map((t) => [t.techniqueID, t.score])),
    );
    expect(layerOf(dataset.events, 'count')).toEqual(layerOf(dataset.events, 'count'));
  });
});
