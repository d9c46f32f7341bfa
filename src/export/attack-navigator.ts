/**
 * MITRE ATT&CK Navigator layer export (layer file format 4.5): the techniques of the rows the view
 * shows, scored either by how many rows name them or by how many clusters use them.
 * Pure and deterministic; the output is plain JSON.
 */

import { CONTEXT_LANE, type Cluster, type TimelineEvent } from '../model/types';

/**
 * Layer format 4.5 needs navigator ≥ 4.9.0. ATT&CK 18 is the version the bundled data's technique
 * IDs were checked against (datapackage.json cites ATT&CK v18.1); Navigator 5.2.0 is the release the
 * 4.5 specification's own example pairs with it.
 */
export const NAVIGATOR_VERSIONS = { attack: '18', navigator: '5.2.0', layer: '4.5' } as const;

/** Light to strong blue: the colour ATT&CK uses for "used by this group", with no good/bad reading. */
const GRADIENT_COLORS = ['#ffffff', '#66b1ff'] as const;

export type NavigatorMode = 'count' | 'cluster';

export interface NavigatorTechnique {
  readonly techniqueID: string;
  readonly score: number;
  readonly comment: string;
  readonly enabled: boolean;
  readonly color?: string;
  readonly showSubtechniques?: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  readonly versions: { readonly attack: string; readonly navigator: string; readonly layer: string };
  readonly domain: 'enterprise-attack';
  readonly description: string;
  readonly sorting: number;
  readonly layout: {
    readonly layout: 'side' | 'flat' | 'mini';
    readonly showID: boolean;
    readonly showName: boolean;
    readonly showAggregateScores: boolean;
    readonly countUnscored: boolean;
    readonly aggregateFunction: 'average' | 'min' | 'max' | 'sum';
    readonly expandedSubtechniques: 'none' | 'all' | 'annotated';
  };
  readonly hideDisabled: boolean;
  readonly techniques: readonly NavigatorTechnique[];
  readonly gradient: { readonly colors: readonly string[]; readonly minValue: number; readonly maxValue: number };
  readonly legendItems: readonly { readonly label: string; readonly color: string }[];
  readonly showTacticRowBackground: boolean;
  readonly tacticRowBackground: string;
  readonly selectTechniquesAcrossTactics: boolean;
  readonly selectSubtechniquesWithParent: boolean;
  readonly selectVisibleTechniques: boolean;
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
}

export interface NavigatorInput {
  readonly clusters: readonly Cluster[];
  /** The rows the view shows. */
  readonly events: readonly TimelineEvent[];
  /** The layer's name; also its `source` metadata unless `source` is given. */
  readonly title: string;
  /** `count`: score = visible rows naming the technique. `cluster`: score = distinct clusters whose rows name it. */
  readonly mode: NavigatorMode;
  /** The report or dataset the layer comes from (layer metadata `source`). Defaults to `title`. */
  readonly source?: string;
}

/** A layer of the techniques the given rows name, each listed as named (sub-techniques as such). */
export function toNavigatorLayer(input: NavigatorInput): NavigatorLayer {
  const label = new Map(input.clusters.map((c) => [c.id, c.label]));
  const laneLabel = (id: string) => (id === CONTEXT_LANE ? 'Context' : (label.get(id) ?? id));

  const byTechnique = new Map<string, TimelineEvent[]>();
  for (const event of input.events) {
    for (const technique of new Set(event.techniques)) {
      const list = byTechnique.get(technique);
      if (list) list.push(event);
      else byTechnique.set(technique, [event]);
    }
  }

  const techniques: NavigatorTechnique[] = [...byTechnique.keys()].sort().map((techniqueID) => {
    const events = byTechnique.get(techniqueID)!;
    if (input.mode === 'count') {
      const lines = events.map((e) => `${laneLabel(e.cluster)}: ${e.title}`);
      return { techniqueID, score: events.length, comment: `${events.length} event${events.length === 1 ? '' : 's'}: ${lines.join('; ')}`, enabled: true };
    }
    // Clusters in the dataset's order; background (context) rows are no cluster and do not count.
    const used = new Set(events.map((e) => e.cluster).filter((id) => id !== CONTEXT_LANE));
    const ordered = [...input.clusters.map((c) => c.id).filter((id) => used.has(id)), ...[...used].filter((id) => !label.has(id)).sort()];
    const comment = ordered.length ? ordered.map(laneLabel).join(', ') : 'No cluster: named only by background (context) events';
    return { techniqueID, score: ordered.length, comment, enabled: true };
  });

  // The gradient starts at 0 so that the lowest score still shows some colour; Navigator needs max > min.
  const maxScore = Math.max(1, ...techniques.map((t) => t.score));
  const scored = input.mode === 'count' ? 'the number of visible events naming the technique' : 'the number of clusters whose visible events name the technique';
  return {
    name: input.title,
    versions: { ...NAVIGATOR_VERSIONS },
    domain: 'enterprise-attack',
    description: `Techniques named by ${input.events.length} timeline event${input.events.length === 1 ? '' : 's'}; score = ${scored}.`,
    sorting: 3,
    layout: {
      layout: 'side',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      aggregateFunction: 'average',
      // Sub-techniques are listed as themselves, without adding their parents: "annotated" opens exactly those.
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    gradient: { colors: [...GRADIENT_COLORS], minValue: 0, maxValue: maxScore },
    legendItems: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [
      { name: 'source', value: input.source ?? input.title },
      { name: 'score', value: input.mode === 'count' ? 'events' : 'clusters' },
    ],
  };
}
