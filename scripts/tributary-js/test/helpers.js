// Starts the real tributary-node on free loopback ports and kills it afterwards.

import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = join(here, '..', 'bin', 'tributary.js');

export function nodeBinary () {
  const bin = process.env.TRIBUTARY_NODE ??
    join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'tributary', 'target'), 'release', 'tributary-node');
  if (!existsSync(bin)) throw new Error(`no node binary at ${bin}: build it (cargo build --release) or set TRIBUTARY_NODE`);
  return bin;
}

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

/** Starts `tributary-node --dev --tmp`; resolves once a block is finalised. */
export async function startNode () {
  const [rpc, p2p, prom] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(nodeBinary(), [
    '--dev', '--tmp', '--no-mdns', '--no-telemetry',
    '--rpc-port', String(rpc), '--prometheus-port', String(prom),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2p}`
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d.toString()).slice(-20_000); });
  const url = `ws://127.0.0.1:${rpc}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${log}`);
    try {
      const r = await fetch(`http://127.0.0.1:${rpc}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader', params: [] })
      });
      const { result } = await r.json();
      if (result && parseInt(result.number, 16) >= 1) {
        return { url, stop: () => { child.kill('SIGKILL'); }, log: () => log };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`node did not produce a block within 90 s:\n${log}`);
}

/** Runs the CLI; resolves `{ code, stdout, stderr }`. */
export function cli (args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
}
