// Which module files has this process loaded? An app imports this module first and everything else
// with import() afterwards, so every later module goes through one of the two places looked at here:
// - the ESM loader: a resolve hook (module.register, Node >= 20.6) sees every specifier the ESM
//   loader resolves, CommonJS packages imported from ESM included, and posts each URL back here;
// - the CommonJS loader: a require() chain inside a CommonJS package never reaches the ESM hooks on
//   Node 20, but every module it loads stays in require.cache (Module._cache).
// Together they cover every file, whichever loader reached it, without depending on what is on disk.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const resolved = new Set();
let onMessage = () => {};
port1.on('message', (url) => {
  resolved.add(url);
  onMessage(url);
});
port1.unref();
register('./module-probe-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

/** Every module URL or path loaded so far (waits until the hooks' messages have all arrived). */
export async function loadedModules() {
  // The hooks post on their own thread; a fresh module resolved now is posted after every earlier
  // one, so its arrival means the set is complete.
  const marker = `data:text/javascript,export default ${Date.now()}`;
  const arrived = new Promise((resolve) => {
    onMessage = (url) => {
      if (url === marker) resolve();
    };
  });
  await import(marker);
  await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  resolved.delete(marker);
  return [...resolved, ...Object.keys(createRequire(import.meta.url).cache)];
}
