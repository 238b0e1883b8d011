/** Summarises a .cpuprofile: the frames with the most self time, and their share of the samples. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, limit = '20'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: node --import tsx bench/top-frames.ts <file.cpuprofile> [how many]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFrame = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const time = selfTime.get(node.id) ?? 0;
  total += time;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|bench)\//, '$1/');
  const frame = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`;
  byFrame.set(frame, (byFrame.get(frame) ?? 0) + time);
}
for (const [frame, time] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, Number(limit))) {
  console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${frame}`);
}
