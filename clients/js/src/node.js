// Starts the real tributary-node (`--dev --tmp`) on free loopback ports, waits until it authors
// blocks, and stops it: for the end-to-end tests and the chain benchmark.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The node binary: `$TRIBUTARY_NODE`, else `release/tributary-node` in the shared target dir. */
export function nodeBinary () {
  const bin = process.env.TRIBUTARY_NODE ??
    join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'tributary', 'target'), 'release', 'tributary-node');
  if (!existsSync(bin)) throw new Error(`no node binary at ${bin}: build it (cargo build --release) or set TRIBUTARY_NODE`);
  return bin;
}

/** A TCP port on 127.0.0.1 that is free now. */
export function freePort () {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts `tributary-node --dev --tmp` with its RPC, p2p and Prometheus ports free on 127.0.0.1;
 * resolves once block 1 is authored with `{ url, rpcPort, stop(), log(), child }`.
 *
 * - `args`: more node flags (e.g. `--pool-limit 65536`);
 * - `prometheus: false` passes `--no-prometheus` instead of a port;
 * - `onLine(line)` sees every line the node logs (it logs to stderr);
 * - `timeoutMs`: how long to wait for block 1.
 *
 * The node is killed when this process exits, so an error or Ctrl-C (if the caller turns SIGINT
 * into `process.exit`) leaves no node behind.
 */
export async function startNode ({ args = [], prometheus = true, onLine, timeoutMs = 90_000 } = {}) {
  const [rpc, p2p] = [await freePort(), await freePort()];
  const metrics = prometheus ? ['--prometheus-port', String(await freePort())] : ['--no-prometheus'];
  const child = spawn(nodeBinary(), [
    '--dev', '--tmp', '--no-mdns', '--no-telemetry',
    '--rpc-port', String(rpc), ...metrics,
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`,
    ...args
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
  process.once('exit', kill);
  const stop = () => {
    process.removeListener('exit', kill);
    kill();
  };
  let log = '';
  let partial = '';
  child.stderr.on('data', (d) => {
    const text = d.toString();
    log = (log + text).slice(-20_000);
    if (!onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine(line);
  });
  const url = `ws://127.0.0.1:${rpc}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      stop();
      throw new Error(`node exited early:\n${log}`);
    }
    try {
      const r = await fetch(`http://127.0.0.1:${rpc}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader', params: [] })
      });
      const { result } = await r.json();
      if (result && parseInt(result.number, 16) >= 1) {
        return { url, rpcPort: rpc, stop, log: () => log, child };
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`node did not produce a block within ${timeoutMs / 1000} s:\n${log}`);
}
