// Shared by the consumer apps: print where the test can read /metrics, then stay up until the test
// closes stdin (or the process is killed), and then run the app's own shutdown.
export function serveUntilStdinEnds(url, shutdown) {
  process.stdout.write(`metrics: ${url}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    void shutdown().then(() => process.exit(0));
  });
}
