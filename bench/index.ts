/**
 * npm run bench [-- --json] [-- section…]: every section in its own process, one after the other,
 * then one table. With --json the last stdout line is the ratios and the machine as one JSON object.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { summary, table, type Row } from './report.js';
import { SECTIONS } from './sections.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const chosen = args.filter((arg) => !arg.startsWith('--'));
for (const name of chosen) {
  if (!(name in SECTIONS)) throw new Error(`unknown bench section '${name}'; known: ${Object.keys(SECTIONS).join(', ')}`);
}
const names = chosen.length > 0 ? chosen : Object.keys(SECTIONS);
const sectionScript = fileURLToPath(new URL('./section.js', import.meta.url)).replace(/\.js$/, '.ts');
// The children need a collectable heap and the TypeScript loader, whatever the parent was started with.
const execArgv = [...new Set([...process.execArgv, '--expose-gc'])];
if (!execArgv.some((arg) => arg.includes('tsx'))) execArgv.push('--import', 'tsx');

function runSection(name: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    let rows: Row[] | undefined;
    const child = fork(sectionScript, [name], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      rows = message as Row[];
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && rows !== undefined) resolve(rows);
      else reject(new Error(`bench section '${name}' exited with code ${code}${rows === undefined ? ' before sending results' : ''}`));
    });
  });
}

const started = Date.now();
const rows: Row[] = [];
for (const name of names) {
  process.stderr.write(`bench: ${SECTIONS[name]!.title}…\n`);
  rows.push(...(await runSection(name)));
}
const order = (row: Row) => (row.key === undefined ? 99 : 0);
rows.sort((a, b) => order(a) - order(b));
console.log(table(rows));
// The load average says how much other work shared the cores during the run (the ratios are paired to withstand it).
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`\n${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(0)} s on ${JSON.stringify(summary([]).machine)}, load average ${load}`);
if (json) console.log(JSON.stringify(summary(rows)));
