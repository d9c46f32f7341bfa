// What a printed chart is made of, built when the browser is about to print (see TlTimeline's
// beforeprint handler): the dense marks as pictures, and a tall chart's slices (chart/print-slices.ts).

import type { PrintSlice } from '../../chart/print-slices';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with these attributes (values are numbers and our own strings, never data). */
function svgElement(name: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** A copy of part of the chart for printing: static, out of the tab order and the accessibility tree, with no id of its own. */
function printableCopy<T extends Element>(element: T): T {
  const copy = element.cloneNode(true) as T;
  copy.removeAttribute('id');
  for (const node of [copy, ...copy.querySelectorAll('*')]) {
    for (const name of ['tabindex', 'role', 'aria-label', 'aria-pressed', 'aria-labelledby']) node.removeAttribute(name);
  }
  return copy;
}

/** The dense marks on a canvas, and where the canvas goes in the chart (in chart units). */
export interface DenseCanvas {
  readonly canvas: HTMLCanvasElement;
  /** Canvas pixels per chart unit. */
  readonly ratio: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The stretch [from, to) of the chart's dense marks as a printed picture, or null when they have none there. */
export function printImage(dense: DenseCanvas, from: number, to: number): SVGImageElement | null {
  const top = Math.max(from, dense.y);
  const bottom = Math.min(to, dense.y + dense.height);
  if (bottom <= top) return null;
  let href: string;
  if (top === dense.y && bottom === dense.y + dense.height) href = dense.canvas.toDataURL('image/png');
  else {
    const part = document.createElement('canvas');
    const rows = Math.round((bottom - top) * dense.ratio);
    part.width = dense.canvas.width;
    part.height = rows;
    part.getContext('2d')?.drawImage(dense.canvas, 0, Math.round((top - dense.y) * dense.ratio), part.width, rows, 0, 0, part.width, rows);
    href = part.toDataURL('image/png');
  }
  return svgElement('image', { class: 'print-dense', 'aria-hidden': 'true', href, x: dense.x, y: top, width: dense.width, height: bottom - top }) as SVGImageElement;
}

export interface SlicesSource {
  readonly slices: readonly PrintSlice[];
  /** The chart's drawing (everything but its <defs>), copied into each slice. */
  readonly body: SVGGElement;
  /** The time axis, copied under each slice. */
  readonly axis: SVGGElement | null;
  readonly dense: DenseCanvas | null;
  /** The chart's width, and where its axis starts and how tall it is, in chart units. */
  readonly width: number;
  readonly axisTop: number;
  readonly axisHeight: number;
  /** How far right the axis is drawn in the chart (its left margin). */
  readonly axisShift: number;
}

/**
 * A tall chart's slices for print: each an SVG as wide as the chart, showing a copy of the chart
 * through a window on the slice's stretch, with that stretch's dense marks, and a copy of the axis
 * under it. Copies rather than <use>: Firefox prints <use> of a shadow tree's content as nothing.
 * Hidden from assistive technology and the keyboard; the print styles show it instead of the chart.
 */
export function printSlicesBox({ slices, body, axis, dense, width, axisTop, axisHeight, axisShift }: SlicesSource): HTMLDivElement {
  const box = document.createElement('div');
  box.className = 'print-slices';
  box.setAttribute('aria-hidden', 'true');
  box.inert = true;
  for (const slice of slices) {
    const sliceSvg = svgElement('svg', { class: 'print-slice', width, height: slice.height + axisHeight, viewBox: `0 0 ${width} ${slice.height + axisHeight}` });
    const lanesView = svgElement('svg', { class: 'print-slice-view', x: 0, y: 0, width, height: slice.height, viewBox: `0 ${slice.y} ${width} ${slice.height}` });
    lanesView.append(printableCopy(body));
    const image = dense && printImage(dense, slice.y, slice.y + slice.height);
    if (image) lanesView.append(image);
    const axisView = svgElement('svg', { class: 'print-slice-axis', x: 0, y: slice.height, width, height: axisHeight, viewBox: `0 ${axisTop} ${width} ${axisHeight}` });
    if (axis) {
      const shifted = svgElement('g', { transform: `translate(${axisShift} 0)` });
      shifted.append(printableCopy(axis));
      axisView.append(shifted);
    }
    sliceSvg.append(lanesView, axisView);
    box.append(sliceSvg);
  }
  return box;
}
