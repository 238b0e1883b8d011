/**
 * A focused loop for `node --cpu-prof`: one side of one comparison, run for a few seconds.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/promptkit-prof --expose-gc --import tsx bench/profile.ts render-counters promptkit
 *   node --import tsx bench/top-frames.ts /tmp/promptkit-prof/<largest file>.cpuprofile
 */
import type { TimedCase } from './harness.js';
import { counters, histograms, type Comparison } from './render.js';

const TARGETS: Record<string, () => Comparison> = {
  'render-counters': counters,
  'render-histograms': histograms,
};

const [target = '', side = 'promptkit', seconds = '5'] = process.argv.slice(2);
const make = TARGETS[target];
if (make === undefined) throw new Error(`unknown profile target '${target}'; known: ${Object.keys(TARGETS).join(', ')}`);
const comparison = make();
const timedCase: TimedCase = side === 'prom-client' ? comparison.promClient : comparison.promptkit;
const end = Date.now() + Number(seconds) * 1000;
let runs = 0;
while (Date.now() < end) {
  timedCase.prepare?.();
  await timedCase.run(1);
  runs++;
}
console.log(`${target} ${side}: ${runs} runs, ${((Number(seconds) * 1000) / runs).toFixed(2)} ms each`);
