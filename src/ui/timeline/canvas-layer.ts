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

/** A CSS colour (#rgb, #rrggbb or rgb()/rgba()) with the given alpha, as canvas gradients need it. */
export function withAlpha(color: string, alpha: number): string {
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
  const clamp = (x: number) => Math.max(left, Math.min(right, x));
  for (const lane of lanes) {
    const points: MarkLayout[] = [];
    for (const mark of lane.marks) {
      if (mark.shape !== 'period') {
        points.push(mark);
        continue;
      }
      const y = lane.top + mark.y;
      const x0 = clamp(mark.x0);
      const x1 = clamp(mark.x1);
      {
        const height = mark.event.kind === 'operating' ? BAR_HEIGHT.operating : BAR_HEIGHT.activity;
        const opacity = mark.event.kind === 'operating' ? 0.38 : 0.92;
        const gradient = ctx.createLinearGradient(mark.x0, 0, Math.max(mark.x1, mark.x0 + 1e-3), 0);
        gradient.addColorStop(0, withAlpha(lane.color, mark.fadeIn > 0 ? FADED : opacity));
        gradient.addColorStop(mark.fadeIn, withAlpha(lane.color, opacity));
        gradient.addColorStop(mark.fadeOut, withAlpha(lane.color, opacity));
        gradient.addColorStop(1, withAlpha(lane.color, mark.fadeOut < 1 ? FADED : opacity));
        ctx.fillStyle = gradient;
        ctx.fillRect(x0, y - height / 2, Math.max(1, x1 - x0), height);
        if (mark.event.contested) hatch(ctx, x0, y - height / 2, Math.max(1, x1 - x0), height, theme.text);
        const end = mark.event.end;
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([2, 2]);
        if (mark.event.start.approximate) line(ctx, mark.x0, y - height / 2 - 3, mark.x0, y + height / 2 + 3);
        if (end !== null && end !== 'open' && end.approximate) line(ctx, mark.x1, y - height / 2 - 3, mark.x1, y + height / 2 + 3);
        ctx.setLineDash([]);
        if (mark.open && mark.x1 < right) {
          ctx.fillStyle = lane.color;
          ctx.beginPath();
          ctx.moveTo(x1, y - height / 2 - 3);
          ctx.lineTo(x1 + 8, y);
          ctx.lineTo(x1, y + height / 2 + 3);
          ctx.fill();
        }
      }
    }
    drawPoints(ctx, points, lane, theme, left, right);
    drawOverflowCounts(ctx, lane, theme);
  }
}

function drawOverflowCounts(ctx: CanvasRenderingContext2D, lane: CanvasLane, theme: CanvasTheme): void {
  if (!lane.overflowRows?.length) return;
  ctx.fillStyle = theme.muted;
  ctx.font = '600 10.5px system-ui, sans-serif';
  for (const row of lane.overflowRows) {
    for (const [x, count] of row.bins) ctx.fillText(`+${count}`, x, lane.top + row.y + 4);
  }
}

/**
 * Points, spans and brackets of one lane, batched: one path per glyph kind, one for all spans and
 * one for all brackets, so a lane of thousands of marks costs a handful of fills and strokes.
 */
function drawPoints(ctx: CanvasRenderingContext2D, marks: readonly MarkLayout[], lane: CanvasLane, theme: CanvasTheme, left: number, right: number): void {
  const clamp = (x: number) => Math.max(left, Math.min(right, x));
  const spans = new Path2D();
  const brackets = new Path2D();
  const byGlyph = new Map<GlyphName, Path2D>();
  const contested: [number, number][] = [];
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
    let path = byGlyph.get(name);
    if (!path) byGlyph.set(name, (path = new Path2D()));
    path.addPath(glyph(name), { e: cx, f: y });
    if (mark.event.contested) contested.push([cx, y]);
  }
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = withAlpha(lane.color, 0.85);
  ctx.stroke(spans);
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = theme.text;
  ctx.stroke(brackets);
  for (const path of byGlyph.values()) {
    ctx.fillStyle = lane.color;
    ctx.fill(path);
    ctx.strokeStyle = theme.outline;
    ctx.stroke(path);
  }
  if (contested.length) {
    ctx.fillStyle = theme.text;
    ctx.font = '700 11px system-ui, sans-serif';
    for (const [cx, y] of contested) ctx.fillText('?', cx + 7, y - 2);
  }
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, color: string): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, width, height);
  ctx.clip();
  ctx.strokeStyle = withAlpha(color, 0.55);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let offset = -height; offset < width; offset += 6) {
    ctx.moveTo(x + offset, y + height);
    ctx.lineTo(x + offset + height, y);
  }
  ctx.stroke();
  ctx.restore();
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
