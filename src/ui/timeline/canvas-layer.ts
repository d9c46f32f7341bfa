/**
 * The dense-data layer: when more marks are in view than SVG can redraw smoothly, they are
 * painted on one canvas with the same geometry and encodings as the SVG marks (bars with their
 * precision fades, dashed approximate edges, open-end arrows, hatching for contested claims,
 * glyphs by kind, brackets for coarse dates). The SVG keeps the axis, the labels, and the marks a
 * person is focusing or has selected.
 */
import { glyphForKind, glyphPath, type GlyphName } from '../../chart/glyphs';
import type { MarkLayout, OverflowRow } from '../../chart/layout';

export interface CanvasLane {
  readonly top: number;
  readonly color: string;
  readonly marks: readonly MarkLayout[];
  /** Counted marks, drawn as "+n" labels like the SVG's. */
  readonly overflowRows?: readonly OverflowRow[];
}

export interface CanvasTheme {
  readonly background: string;
  readonly text: string;
  /** The overflow counts' colour, as --tl-muted. */
  readonly muted: string;
  /** The glyphs' outline, as --tl-mark-outline. */
  readonly outline: string;
}

const BAR_HEIGHT = { operating: 8, activity: 14 } as const;
const FADED = 0.06;
const glyphs = new Map<GlyphName, Path2D>();

function glyph(name: GlyphName): Path2D {
  let path = glyphs.get(name);
  if (!path) {
    path = new Path2D(glyphPath(name, 12));
    glyphs.set(name, path);
  }
  return path;
}

const alphaColors = new Map<string, string>();

/** A CSS colour (#rgb, #rrggbb or rgb()/rgba()) with the given alpha, as canvas gradients need it. */
export function withAlpha(color: string, alpha: number): string {
  const key = `${color}|${alpha}`;
  let result = alphaColors.get(key);
  if (result === undefined) {
    result = parseWithAlpha(color, alpha);
    // A handful of lane colours and opacities; the bound only guards against a stream of new ones.
    if (alphaColors.size > 1000) alphaColors.clear();
    alphaColors.set(key, result);
  }
  return result;
}

function parseWithAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color.trim());
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})`;
  return color;
}

/** Draws the given marks of every lane; lanes' tops and marks' positions are in the canvas's CSS pixels. */
export function drawMarks(ctx: CanvasRenderingContext2D, lanes: readonly CanvasLane[], width: number, theme: CanvasTheme): void {
  const left = -20;
  const right = width + 20;
  const contested: number[] = [];
  for (const lane of lanes) {
    const points: MarkLayout[] = [];
    const periods: MarkLayout[] = [];
    for (const mark of lane.marks) (mark.shape === 'period' ? periods : points).push(mark);
    drawPeriods(ctx, periods, lane, theme, left, right);
    drawPoints(ctx, points, lane, theme, left, right, contested);
  }
  // Text last, in two passes with one font each: setting a canvas font is not free.
  if (contested.length) {
    ctx.fillStyle = theme.text;
    ctx.font = '700 11px system-ui, sans-serif';
    for (let i = 0; i < contested.length; i += 2) ctx.fillText('?', contested[i]! + 7, contested[i + 1]! - 2);
  }
  drawOverflowCounts(ctx, lanes, theme);
}

/**
 * Bars of one lane, batched by what they need: the solid stretches of all bars in two fills (by
 * opacity), a gradient only over a coarse date's fading stretch, one hatch fill, one dashed
 * stroke for approximate edges and one fill for open-end arrows.
 */
function drawPeriods(ctx: CanvasRenderingContext2D, marks: readonly MarkLayout[], lane: CanvasLane, theme: CanvasTheme, left: number, right: number): void {
  if (marks.length === 0) return;
  const clamp = (x: number) => Math.max(left, Math.min(right, x));
  const solid = { operating: new Path2D(), activity: new Path2D() };
  const hatched = new Path2D();
  const dashed = new Path2D();
  const arrows = new Path2D();
  let anyHatched = false;
  // A fade is one of a few gradients laid out from x = 0 to 1, stretched over each bar's stretch by
  // the transform: creating a gradient per bar was a large part of a frame's drawing.
  const base = ctx.getTransform();
  let transformed = false;
  const fade = (from: number, to: number, top: number, height: number, fromAlpha: number, toAlpha: number) => {
    const x0 = clamp(from);
    const x1 = clamp(to);
    const length = Math.max(to - from, 1e-3);
    if (x1 - x0 <= 0) return;
    ctx.setTransform(base.a * length, base.b, base.c, base.d, base.a * from + base.e, base.f);
    ctx.fillStyle = unitGradient(ctx, lane.color, fromAlpha, toAlpha);
    ctx.fillRect((x0 - from) / length, top, (x1 - x0) / length, height);
    transformed = true;
  };
  for (const mark of marks) {
    const style = mark.event.kind === 'operating' ? 'operating' : 'activity';
    const height = BAR_HEIGHT[style];
    const opacity = OPACITY[style];
    const y = lane.top + mark.y;
    const top = y - height / 2;
    const x0 = clamp(mark.x0);
    const x1 = clamp(mark.x1);
    const length = mark.x1 - mark.x0;
    const fadeInEnd = mark.x0 + mark.fadeIn * length;
    const fadeOutStart = mark.x0 + mark.fadeOut * length;
    if (mark.fadeIn > 0) fade(mark.x0, fadeInEnd, top, height, FADED, opacity);
    if (mark.fadeOut < 1) fade(fadeOutStart, mark.x1, top, height, opacity, FADED);
    if (mark.fadeIn === 0 && mark.fadeOut === 1) solid[style].rect(x0, top, Math.max(1, x1 - x0), height);
    else {
      const solidFrom = mark.fadeIn > 0 ? clamp(fadeInEnd) : x0;
      const solidTo = mark.fadeOut < 1 ? clamp(fadeOutStart) : x1;
      if (solidTo > solidFrom) solid[style].rect(solidFrom, top, solidTo - solidFrom, height);
    }
    if (mark.event.contested) {
      hatched.rect(x0, top, Math.max(1, x1 - x0), height);
      anyHatched = true;
    }
    const end = mark.event.end;
    if (mark.event.start.approximate) {
      dashed.moveTo(mark.x0, top - 3);
      dashed.lineTo(mark.x0, top + height + 3);
    }
    if (end !== null && end !== 'open' && end.approximate) {
      dashed.moveTo(mark.x1, top - 3);
      dashed.lineTo(mark.x1, top + height + 3);
    }
    if (mark.open && mark.x1 < right) {
      arrows.moveTo(x1, top - 3);
      arrows.lineTo(x1 + 8, y);
      arrows.lineTo(x1, top + height + 3);
      arrows.closePath();
    }
  }
  if (transformed) ctx.setTransform(base);
  for (const style of ['operating', 'activity'] as const) {
    ctx.fillStyle = withAlpha(lane.color, OPACITY[style]);
    ctx.fill(solid[style]);
  }
  if (anyHatched) {
    const pattern = hatchPattern(ctx, theme.text);
    if (pattern) {
      ctx.fillStyle = pattern;
      ctx.fill(hatched);
    }
  }
  ctx.strokeStyle = theme.text;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([2, 2]);
  ctx.stroke(dashed);
  ctx.setLineDash([]);
  ctx.fillStyle = lane.color;
  ctx.fill(arrows);
}

function drawOverflowCounts(ctx: CanvasRenderingContext2D, lanes: readonly CanvasLane[], theme: CanvasTheme): void {
  if (!lanes.some((lane) => lane.overflowRows?.length)) return;
  ctx.fillStyle = theme.muted;
  ctx.font = '600 10.5px system-ui, sans-serif';
  for (const lane of lanes) {
    for (const row of lane.overflowRows ?? []) {
      for (const [x, count] of row.bins) ctx.fillText(`+${count}`, x, lane.top + row.y + 4);
    }
  }
}

const OPACITY = { operating: 0.38, activity: 0.92 } as const;
const gradients = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasGradient>>();

/** `color` going from `fromAlpha` to `toAlpha` over x = 0…1; kept per context, as a gradient belongs to the canvas it was made on. */
function unitGradient(ctx: CanvasRenderingContext2D, color: string, fromAlpha: number, toAlpha: number): CanvasGradient {
  let byKey = gradients.get(ctx);
  if (!byKey) gradients.set(ctx, (byKey = new Map()));
  const key = `${color}|${fromAlpha}|${toAlpha}`;
  let gradient = byKey.get(key);
  if (!gradient) {
    gradient = ctx.createLinearGradient(0, 0, 1, 0);
    gradient.addColorStop(0, withAlpha(color, fromAlpha));
    gradient.addColorStop(1, withAlpha(color, toAlpha));
    // Lane colours times two fades times two opacities; the bound only guards against a stream of new colours.
    if (byKey.size > 400) byKey.clear();
    byKey.set(key, gradient);
  }
  return gradient;
}

const hatchPatterns = new Map<string, CanvasPattern | null>();

/** The contested hatching as a repeating 6-pixel tile (as the SVG's pattern), anchored to the canvas like the SVG's is to the chart. */
function hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
  const ratio = ctx.getTransform().a || 1;
  const key = `${color}|${ratio}`;
  if (!hatchPatterns.has(key)) {
    const size = 6;
    const tile = document.createElement('canvas');
    tile.width = tile.height = Math.round(size * ratio);
    const tileCtx = tile.getContext('2d');
    let pattern: CanvasPattern | null = null;
    if (tileCtx) {
      tileCtx.scale(ratio, ratio);
      tileCtx.strokeStyle = withAlpha(color, 0.55);
      tileCtx.lineWidth = 1.5;
      tileCtx.beginPath();
      // The diagonal and its neighbours' corners, so that tiles join into unbroken lines.
      for (const offset of [-size, 0, size]) {
        tileCtx.moveTo(offset, size);
        tileCtx.lineTo(offset + size, 0);
      }
      tileCtx.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
      pattern?.setTransform(new DOMMatrix().scale(1 / ratio));
    }
    hatchPatterns.set(key, pattern);
  }
  return hatchPatterns.get(key)!;
}

/**
 * Points, spans and brackets of one lane, batched: one path per glyph kind, one for all spans and
 * one for all brackets, so a lane of thousands of marks costs a handful of fills and strokes.
 */
function drawPoints(
  ctx: CanvasRenderingContext2D,
  marks: readonly MarkLayout[],
  lane: CanvasLane,
  theme: CanvasTheme,
  left: number,
  right: number,
  contested: number[],
): void {
  const clamp = (x: number) => Math.max(left, Math.min(right, x));
  const spans = new Path2D();
  const brackets = new Path2D();
  const byGlyph = new Map<GlyphName, number[]>();
  const ratio = ctx.getTransform().a || 1;
  for (const mark of marks) {
    const y = lane.top + mark.y;
    const x0 = clamp(mark.x0);
    const x1 = clamp(mark.x1);
    if (mark.shape === 'span') {
      spans.moveTo(x0, y - 4);
      spans.lineTo(x0, y + 4);
      spans.moveTo(x0, y);
      spans.lineTo(x1, y);
      spans.moveTo(x1, y - 4);
      spans.lineTo(x1, y + 4);
    } else if (mark.coarse && mark.x1 - mark.x0 >= 4) {
      brackets.moveTo(x0, y + 3);
      brackets.lineTo(x0, y + 7);
      brackets.lineTo(x1, y + 7);
      brackets.lineTo(x1, y + 3);
    }
    const cx = mark.shape === 'span' ? mark.x0 : mark.cx;
    if (cx < left || cx > right) continue;
    const name = glyphForKind(mark.event.kind);
    let positions = byGlyph.get(name);
    if (!positions) byGlyph.set(name, (positions = []));
    positions.push(cx, y);
    if (mark.event.contested) contested.push(cx, y);
  }
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = withAlpha(lane.color, 0.85);
  ctx.stroke(spans);
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = theme.text;
  ctx.stroke(brackets);
  for (const [name, positions] of byGlyph) {
    const sprite = glyphSprite(name, lane.color, theme.outline, ratio);
    if (!sprite) continue;
    for (let i = 0; i < positions.length; i += 2) {
      // Whole device pixels: a stamp drawn between pixels would be resampled, and blur.
      const x = Math.round((positions[i]! - SPRITE_HALF) * ratio) / ratio;
      const y = Math.round((positions[i + 1]! - SPRITE_HALF) * ratio) / ratio;
      ctx.drawImage(sprite, x, y, SPRITE_HALF * 2, SPRITE_HALF * 2);
    }
  }
}

/** Half the side of a glyph stamp, in CSS pixels: the 12-pixel glyph plus its outline. */
const SPRITE_HALF = 8;
const sprites = new Map<string, HTMLCanvasElement | null>();

/**
 * A glyph filled and outlined once into a small bitmap, then stamped at every point: filling and
 * stroking thousands of paths a frame is what made dense frames slow when the browser draws in
 * software; copying a 16-pixel bitmap is cheap.
 */
function glyphSprite(name: GlyphName, color: string, outline: string, ratio: number): HTMLCanvasElement | null {
  const key = `${name}|${color}|${outline}|${ratio}`;
  if (!sprites.has(key)) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = Math.ceil(SPRITE_HALF * 2 * ratio);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.setTransform(ratio, 0, 0, ratio, SPRITE_HALF * ratio, SPRITE_HALF * ratio);
      ctx.fillStyle = color;
      ctx.fill(glyph(name));
      ctx.strokeStyle = outline;
      ctx.lineWidth = 1.2;
      ctx.stroke(glyph(name));
    }
    sprites.set(key, ctx ? canvas : null);
  }
  return sprites.get(key)!;
}

/** Finds the mark under a point, nearest first; `marks` are one lane's, positions relative to the lane. */
export function hitTest(marks: readonly MarkLayout[], x: number, y: number): MarkLayout | null {
  let best: MarkLayout | null = null;
  let bestDistance = Infinity;
  for (const mark of marks) {
    if (Math.abs(y - mark.y) > 9) continue;
    const from = mark.shape === 'period' ? mark.x0 : Math.min(mark.x0, mark.cx - 7);
    const to = mark.shape === 'period' ? mark.x1 : Math.max(mark.x1, mark.cx + 7);
    if (x < from || x > to) continue;
    const distance = mark.shape === 'period' ? 0 : Math.abs(x - mark.cx);
    if (distance < bestDistance) {
      best = mark;
      bestDistance = distance;
    }
  }
  return best;
}
