/**
 * Runs `task` now and then every `intervalMs` after each run ends (never two at once, so a slow node
 * is not piled on), until the returned function is called.
 */
export function poll(task, intervalMs) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      await task();
    } catch (e) {
      // Each page shows its own errors; a failed round must not end the polling.
    }
    if (!stopped) {
      timer = setTimeout(run, intervalMs);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
