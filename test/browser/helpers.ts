import { plainEvent } from '../../src/io/packed-events';
import type { Dataset } from '../../src/model/types';
import type { TlDetailPanel } from '../../src/ui/panel/tl-detail-panel';

/** Waits, frame by frame, until a condition holds (the chart lays out after a ResizeObserver frame). */
export async function waitFor(condition: () => boolean, timeout = 4000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * The app's detail panel once it is on screen, or null. The panel's code is fetched the first time a
 * panel opens, so for a moment <tl-detail-panel> is in the page but not yet defined or rendered.
 */
export function shownPanel(app: Element): TlDetailPanel | null {
  const panel = app.shadowRoot?.querySelector('tl-detail-panel') ?? null;
  return panel?.shadowRoot?.querySelector('#panel-heading') ? panel : null;
}

/** Waits until the app's detail panel is on screen (see shownPanel) and has finished rendering; returns it. */
export async function waitForPanel(app: Element, timeout?: number): Promise<TlDetailPanel> {
  await waitFor(() => shownPanel(app) !== null, timeout);
  const panel = shownPanel(app)!;
  await panel.updateComplete;
  return panel;
}

/**
 * The dataset with plain events, for deep equality: an event rebuilt from the worker's batches
 * reads its texts when asked (they are not its own properties), so it is compared field by field.
 */
export function plainDataset(dataset: Dataset): Dataset {
  return { ...dataset, events: dataset.events.map(plainEvent) };
}
