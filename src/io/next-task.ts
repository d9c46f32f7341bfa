/**
 * Resolves in a new task, after whatever else the page has queued (input, rendering, messages).
 * A MessageChannel message is not slowed down like nested timers (at least 4 ms each in browsers).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
