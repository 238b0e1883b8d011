/**
 * cluster: one aggregated scrape of a cluster primary with four workers of 10k series each, against one
 * process's scrape of the same 40k series. Both are served by processes of their own
 * (bench/cluster-serve.ts) and scraped over HTTP from here, so each side's time is a whole scrape:
 * for the aggregate, asking the workers, their collections over IPC, merging and rendering.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { sameSamples } from './exposition.js';
import { interleave } from './harness.js';
import { timedRow, type Row } from './report.js';

const serveScript = fileURLToPath(new URL('./cluster-serve.ts', import.meta.url));

async function serve(mode: 'aggregated' | 'single'): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(serveScript, [mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = (await once(child, 'message')) as [{ url: string }];
  return { child, url: message.url };
}

/** One scrape, the body read to the end. */
function scrape(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function scrapes(url: string): (n: number) => Promise<void> {
  return async (n) => {
    for (let k = 0; k < n; k++) await scrape(url);
  };
}

export async function run(): Promise<Row[]> {
  const [aggregated, single] = await Promise.all([serve('aggregated'), serve('single')]);
  try {
    const invalid = sameSamples(await scrape(aggregated.url), await scrape(single.url), 'the aggregate', 'one process');
    const timings = await interleave(
      [
        { name: 'aggregated', run: scrapes(aggregated.url) },
        { name: 'single', run: scrapes(single.url) },
      ],
      { rounds: 15, sampleMs: 200, warmupMs: 2000 },
    );
    const row = timedRow(
      { key: 'cluster', name: 'aggregated /metrics of 4 cluster workers × 10k series ÷ one process with the same 40k series', target: 3 },
      timings.get('aggregated')!,
      timings.get('single')!,
    );
    if (invalid !== undefined) row.invalid = invalid;
    return [row];
  } finally {
    for (const { child } of [aggregated, single]) child.disconnect();
  }
}
