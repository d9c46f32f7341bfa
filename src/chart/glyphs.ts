/** A glyph per point-event kind, so the kind reads from the shape and never from colour alone. */
export type GlyphName = 'diamond' | 'square' | 'triangle' | 'circle' | 'star' | 'plus';

const GLYPH_BY_KIND: Readonly<Record<string, GlyphName>> = {
  intrusion: 'diamond',
  tooling: 'square',
  vulnerability: 'triangle',
  publication: 'circle',
  attribution: 'star',
};

export function glyphForKind(kind: string): GlyphName {
  return GLYPH_BY_KIND[kind] ?? 'plus';
}

/** An SVG path centred on (0, 0) that fits in a square of side `size`. */
export function glyphPath(name: GlyphName, size = 12): string {
  const r = size / 2;
  const f = (n: number) => Number(n.toFixed(2));
  switch (name) {
    case 'diamond':
      return `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
    case 'square': {
      const s = f(r * 0.8);
      return `M${-s},${-s}H${s}V${s}H${-s}Z`;
    }
    case 'triangle': {
      const h = f(r * 0.9);
      return `M0,${-r}L${h},${f(r * 0.75)}L${-h},${f(r * 0.75)}Z`;
    }
    case 'circle': {
      const c = f(r * 0.85);
      return `M${-c},0A${c},${c} 0 1,0 ${c},0A${c},${c} 0 1,0 ${-c},0Z`;
    }
    case 'star': {
      const points: string[] = [];
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r : r * 0.45;
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        points.push(`${f(Math.cos(angle) * radius)},${f(Math.sin(angle) * radius)}`);
      }
      return `M${points.join('L')}Z`;
    }
    case 'plus': {
      const t = f(r * 0.3);
      return `M${-t},${-r}H${t}V${-t}H${r}V${t}H${t}V${r}H${-t}V${t}H${-r}V${-t}H${-t}Z`;
    }
  }
}

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442', '#999999'] as const;

export function clusterColor(index: number, declared: string | null): string {
  return declared ?? PALETTE[index % PALETTE.length]!;
}
