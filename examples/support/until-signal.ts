/**
 * Serves until Ctrl-C (SIGINT) or SIGTERM, then runs `stop`. PromptKit's /metrics server does not
 * keep a process alive on its own (a script that finishes its work exits), so these examples that
 * wait for a signal keep themselves alive with a timer, as a service's own work would.
 */
export function untilSignal(stop: () => unknown): void {
  const alive = setInterval(() => undefined, 1 << 30);
  const onSignal = () => {
    clearInterval(alive);
    Promise.resolve()
      .then(stop)
      .catch((error: unknown) => console.error('stopping failed:', error));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
