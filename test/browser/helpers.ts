/** Waits, frame by frame, until a condition holds (the chart lays out after a ResizeObserver frame). */
export async function waitFor(condition: () => boolean, timeout = 4000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
