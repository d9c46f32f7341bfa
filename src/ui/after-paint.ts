/**
 * Resolves in a task queued from the next frame's callbacks, which runs once that frame has been
 * painted. Work that can wait (the table's rows, the filters' facet counts) goes there, so a new
 * dataset's chart reaches the screen first.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/**
 * An element's `updateComplete` that also waits for the work it put off until after a paint, and
 * for the update that work asks for: `pending` gives that work's promise, or null when there is none.
 */
export async function completeWithDeferred(superComplete: () => Promise<boolean>, pending: () => Promise<void> | null): Promise<boolean> {
  let complete = await superComplete();
  for (let deferred = pending(); deferred; deferred = pending()) {
    await deferred;
    complete = (await superComplete()) && complete;
  }
  return complete;
}
