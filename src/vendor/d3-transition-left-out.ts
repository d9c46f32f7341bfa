/**
 * Stands in for d3-transition in the site's builds (see the alias in vite.config.ts). d3-zoom and
 * d3-brush import it to animate zooms and brush moves, and to stop an animation when a new gesture
 * starts; this app never animates them (the timeline's zoom has duration 0, so a double-click
 * zooms at once too), so no transition ever runs and there is none to stop. Leaving the library
 * out takes it, d3-timer and d3-ease (about 4.5 KB gzipped) off the page's first load.
 *
 * What d3-zoom and d3-brush call on the way is kept: `interrupt` and `selection.interrupt()` do
 * nothing. Starting a transition throws, so any new use fails loudly in the tests instead of
 * silently not animating. To animate, remove the alias.
 */
import { selection, type BaseType, type Selection } from 'd3-selection';

const LEFT_OUT = 'd3-transition is left out of this build; see src/vendor/d3-transition-left-out.ts';

/** No transition is ever scheduled, so there is nothing to interrupt. */
export function interrupt(_node?: BaseType, _name?: string): void {}

export function transition(): never {
  throw new Error(LEFT_OUT);
}

export function active(): null {
  return null;
}

type AnySelection = Selection<BaseType, unknown, BaseType, unknown>;
const prototype = selection.prototype as unknown as {
  interrupt: (this: AnySelection) => AnySelection;
  transition: () => never;
};
prototype.interrupt = function interruptNothing(this: AnySelection) {
  return this;
};
prototype.transition = transition;
