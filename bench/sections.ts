/** The bench's sections, in the order they run and print. Each runs in a process of its own. */
import type { Row } from './report.js';

export const SECTIONS: Record<string, { title: string; load: () => Promise<{ run(): Promise<Row[]> }> }> = {
  'event-path': { title: 'P1 event path', load: () => import('./event-path.js') },
  'bound-counter': { title: 'P2 bound counter', load: () => import('./bound-counter.js') },
  baselines: { title: 'issue baselines', load: () => import('./baselines.js') },
  render: { title: 'P3 /metrics rendering', load: () => import('./render.js') },
  readers: { title: 'P4 pull + push readers', load: () => import('./readers.js') },
  memory: { title: 'P5 heap per series', load: () => import('./memory.js') },
  'cold-start': { title: 'P6 cold start', load: () => import('./cold-start.js') },
  pricing: { title: 'pricing one call', load: () => import('./pricing.js') },
  exemplars: { title: 'exemplars on the record path', load: () => import('./exemplars.js') },
  formats: { title: '/metrics formats and gzip', load: () => import('./formats.js') },
  cluster: { title: 'aggregated cluster scrape', load: () => import('./cluster.js') },
};
