/**
 * Resolves in a task queued from the next frame's callbacks, which runs once that frame has been
 * painted. Work that can wait (the table's rows, the filters' facet counts) goes there, so a new
 * dataset's chart reaches the screen first.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}
