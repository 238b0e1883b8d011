// `npm run stack`: the demo workload and a real Prometheus (unpacked in .backends/) on loopback,
// with prometheus.yml and the alert rules loaded. Prints the URLs; Ctrl-C stops both.
//   PROMPTKIT_PORT    the demo's /metrics port (default 9464)
//   PROMETHEUS_PORT   Prometheus' port (default 9090)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const prometheusBinary = join(root, '.backends/bin/prometheus');
const demoPort = Number(process.env.PROMPTKIT_PORT ?? 9464);
const promPort = Number(process.env.PROMETHEUS_PORT ?? 9090);

if (!existsSync(prometheusBinary)) {
  console.error('stack: Prometheus is not unpacked yet; run: bash scripts/setup-backends.sh');
  process.exit(1);
}

// The shipped prometheus.yml scrapes localhost:9464; point it at the demo's actual port, and
// give the rules file an absolute path since the config is written elsewhere.
const workDir = join(root, `.tmp/stack-${promPort}`);
mkdirSync(workDir, { recursive: true });
const config = readFileSync(join(root, 'prometheus.yml'), 'utf8')
  .replace("'localhost:9464'", `'127.0.0.1:${demoPort}'`)
  .replace('- alerts/promptkit-alerts.yml', `- ${join(root, 'alerts/promptkit-alerts.yml')}`);
writeFileSync(join(workDir, 'prometheus.yml'), config);

const children: ChildProcess[] = [];
let stopping = false;

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk.toString().split('\n').filter((l) => l.trim() !== '').forEach((l) => console.log(`[${name}] ${l}`));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`stack: ${name} exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
  console.log('stack: stopped');
  process.exit(code);
}

process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

launch('demo', process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
  ...process.env,
  PROMPTKIT_HOST: '127.0.0.1',
  PROMPTKIT_PORT: String(demoPort),
});
launch('prometheus', prometheusBinary, [
  `--config.file=${join(workDir, 'prometheus.yml')}`,
  `--storage.tsdb.path=${join(workDir, 'data')}`,
  `--web.listen-address=127.0.0.1:${promPort}`,
  '--log.level=warn',
]);

// Print the URLs once Prometheus is ready (bounded wait).
const deadline = Date.now() + 30_000;
while (Date.now() < deadline && !stopping) {
  const ready = await fetch(`http://127.0.0.1:${promPort}/-/ready`).then((r) => r.ok, () => false);
  if (ready) break;
  await new Promise((r) => setTimeout(r, 300));
}
if (!stopping) {
  console.log(`
PromptKit local stack is up:
  Prometheus UI   http://127.0.0.1:${promPort}/
  Alerts          http://127.0.0.1:${promPort}/alerts
  Rules           http://127.0.0.1:${promPort}/rules
  Demo /metrics   http://127.0.0.1:${demoPort}/metrics
Grafana: add a Prometheus data source at http://127.0.0.1:${promPort}, then import grafana/pipeline-dashboard.json.
Press Ctrl-C to stop.`);
}
