#!/usr/bin/env node
// Tributary's chain throughput benchmark, on the real node. Starts `tributary-node --dev --tmp` on
// free loopback ports, sets up what the loads need (funded senders, an open dataset with accepted
// contributions, a model with bonded, authorised providers and consumer allowances), then for each
// load kind pre-signs N extrinsics offline, submits them all at once and reads the blocks they
// landed in: the weight each was charged, how many fit in a block, the saturated rate, and the
// node's own block-build time. Then `tributary_rewards` against `system_health` under RPC load.
// Options are environment variables: `node bench/chain.js --help`. Run via scripts/bench-chain.sh.

import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import { stringCamelCase, u8aConcat, u8aToHex } from '@polkadot/util';
import {
  blake2AsHex, cryptoWaitReady, keyExtractPath, keyFromPath, mnemonicToMiniSecret, randomAsU8a, sr25519PairFromSeed,
  sr25519Verify
} from '@polkadot/util-crypto';
import { WebSocket } from '@polkadot/x-ws';

import { connect, describeDispatchError, ss58Prefix, token } from '../src/index.js';
import { nodeBinary, startNode } from '../src/node.js';

const KINDS = ['transfer', 'contribution', 'contribution-batch', 'report-batch', 'claim'];

const HELP = `node bench/chain.js — Tributary's chain throughput benchmark (scripts/bench-chain.sh)

Environment:
  TRIBUTARY_NODE        node binary (default ~/.cache/tributary/target/release/tributary-node)
  BENCH_KINDS           loads to run, in this order: ${KINDS.join(',')}
  BENCH_N               transfers to submit; the other kinds get as many as fill the same block
                        weight (default: BENCH_BLOCKS blocks' worth of each kind)
  BENCH_BLOCKS=3        blocks' worth of each load when BENCH_N is not set
  BENCH_BATCH=32        files per contribution batch, reports per report batch (capped by the runtime)
  BENCH_ENTRIES=8       attribution entries per report
  BENCH_SENDERS         funded //bench//N senders (default: as many as the claim load needs, 64-8192)
  BENCH_HEAVY=500       contributions of the set-up's heaviest contributor (the RPC's worst case)
  BENCH_PROVIDERS=16    bonded providers reporting (capped by attribution.maxProvidersPerModel)
  BENCH_CONCURRENCY=256 submissions in flight
  BENCH_SECONDS=5       duration of each RPC measurement
  BENCH_RPC_CONCURRENCY=8  requests in flight during the RPC measurements
  BENCH_TIMEOUT=900     global timeout, seconds
  BENCH_NODE_ARGS       extra node flags, space-separated (e.g. "--pool-type single-state")
  BENCH_OUT             write the results as JSON to this file
Exit status: 0 when every extrinsic of every load was included and dispatched without error,
1 when some failed or were not included (the first few are printed), 2 on a set-up error or timeout.`;

/** Reasons the block builder stops that mean the block was full (sc-basic-authorship's `EndProposingReason`). */
const LIMITS = new Set(['HitBlockWeightLimit', 'HitBlockSizeLimit', 'HitDeadline']);
/** The node's summary of each block it authors (sc-basic-authorship, info level). */
const PREPARED = /Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+); extrinsics_count: (\d+)/;

const UNIT_EVENT = {
  transfer: ['balances', 'Transfer'],
  contribution: ['datasets', 'ContributionSubmitted'],
  'contribution-batch': ['datasets', 'ContributionSubmitted'],
  'report-batch': ['attribution', 'InferenceReported'],
  claim: ['attribution', 'RewardsClaimed']
};

class BenchError extends Error {}

function envInt (name, fallback, { min = 0 } = {}) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new BenchError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return Number(v);
}

function readConfig () {
  const kinds = (process.env.BENCH_KINDS || KINDS.join(',')).split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!KINDS.includes(k)) throw new BenchError(`unknown kind ${JSON.stringify(k)} in BENCH_KINDS; kinds: ${KINDS.join(', ')}`);
  return {
    kinds: KINDS.filter((k) => kinds.includes(k)),
    n: envInt('BENCH_N', undefined, { min: 1 }),
    blocks: envInt('BENCH_BLOCKS', 3, { min: 1 }),
    batch: envInt('BENCH_BATCH', 32, { min: 1 }),
    entries: envInt('BENCH_ENTRIES', 8, { min: 1 }),
    senders: envInt('BENCH_SENDERS', undefined, { min: 1 }),
    heavy: envInt('BENCH_HEAVY', 500, { min: 1 }),
    providers: envInt('BENCH_PROVIDERS', 16, { min: 1 }),
    concurrency: envInt('BENCH_CONCURRENCY', 256, { min: 1 }),
    seconds: envInt('BENCH_SECONDS', 5, { min: 1 }),
    rpcConcurrency: envInt('BENCH_RPC_CONCURRENCY', 8, { min: 1 }),
    timeout: envInt('BENCH_TIMEOUT', 900, { min: 10 }),
    nodeArgs: (process.env.BENCH_NODE_ARGS || '').split(/\s+/).filter(Boolean),
    out: process.env.BENCH_OUT || undefined
  };
}

const log = (...a) => console.error('bench:', ...a);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => xs.length ? sum(xs) / xs.length : NaN;
function quantile (xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

// ---------------------------------------------------------------------------------------------
// A bare JSON-RPC client: submissions and the RPC measurement go around polkadot.js' decoding.

class JsonRpc {
  static open (url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(new JsonRpc(ws));
      ws.onerror = (e) => reject(new BenchError(`cannot open ${url}: ${e?.message || 'connection refused'}`));
    });
  }

  constructor (ws) {
    this.ws = ws;
    this.id = 0;
    this.waiting = new Map();
    ws.onerror = null;
    ws.onmessage = (msg) => {
      const body = JSON.parse(msg.data.toString());
      const w = this.waiting.get(body.id);
      if (!w) return;
      this.waiting.delete(body.id);
      if (body.error) w.reject(new BenchError(`${body.error.code}: ${body.error.message}${body.error.data ? ` (${body.error.data})` : ''}`));
      else w.resolve(body.result);
    };
    ws.onclose = () => {
      for (const w of this.waiting.values()) w.reject(new BenchError('the RPC connection closed'));
      this.waiting.clear();
    };
  }

  call (method, params = []) {
    const id = ++this.id;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  close () {
    this.ws.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Signing on every core.

/** Worker threads that sign sr25519 messages (bench/signer.js). */
class Signers {
  static async start (n) {
    const workers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const w = new Worker(new URL('./signer.js', import.meta.url));
      w.once('message', () => resolve(w));
      w.once('error', reject);
    })));
    return new Signers(workers);
  }

  constructor (workers) {
    this.workers = workers;
    this.id = 0;
    this.waiting = new Map(); // chunk id → { resolve, reject }
    for (const w of workers) {
      w.on('message', (m) => {
        const waiting = this.waiting.get(m.id);
        if (!waiting) return;
        this.waiting.delete(m.id);
        waiting.resolve(m.signatures);
      });
      w.on('error', (e) => {
        for (const waiting of this.waiting.values()) waiting.reject(e);
        this.waiting.clear();
      });
    }
  }

  /** Signs `jobs` (`{ publicKey, secretKey, message }`) on the next worker; resolves with the signatures in order. */
  sign (jobs) {
    const id = ++this.id;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length].postMessage({ id, jobs });
    });
  }

  stop () {
    for (const w of this.workers) w.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// The chain, its keys and nonces.

class Chain {
  constructor (api, url, config) {
    this.api = api;
    this.url = url;
    this.config = config;
    this.nonces = new Map();
    this.builds = new Map(); // block number → { ms, end, count } from the node's log
    this.contributionsBy = new Map(); // contributor address → contribution ids, from the events
    this.secrets = new Map(); // address → sr25519 key pair, for the signing workers
    this.marker = randomAsU8a(64); // a placeholder signature, found and replaced in the signed bytes
    const g = api.genesisHash;
    this.signOptions = {
      blockHash: g, genesisHash: g, runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions
    };
    const weights = api.consts.system.blockWeights;
    this.capacity = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
    this.baseExtrinsic = weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  }

  /** The next nonce of `address`, counted here: fresh accounts start at 0, dev accounts are asked once. */
  async loadNonces (addresses) {
    await Promise.all(addresses.map(async (a) => {
      this.nonces.set(a, (await this.api.rpc.system.accountNextIndex(a)).toNumber());
    }));
  }

  takeNonce (address) {
    const n = this.nonces.get(address) ?? 0;
    this.nonces.set(address, n + 1);
    return n;
  }

  /**
   * Each item's `tx` signed by its `pair` with the pair's next nonce, immortal: `{ hex, hash, len }`
   * in order. polkadot.js builds each extrinsic around a placeholder signature and hands over the
   * payload it signs; the signing workers sign the payloads; the signatures replace the placeholders.
   * Keys without a known secret (the dev accounts) are signed here.
   */
  async signAll (items) {
    const placeholder = u8aConcat([1], this.marker); // MultiSignature::Sr25519
    const marker = Buffer.from(this.marker);
    const out = [];
    const jobs = [];
    const signing = []; // chunks handed to the workers while the next payloads are built
    const hand = () => {
      const chunk = jobs.slice(signing.length * 128, (signing.length + 1) * 128);
      signing.push(this.signers.sign(chunk.map(({ publicKey, secretKey, message }) => ({ publicKey, secretKey, message }))));
    };
    for (const { pair, tx } of items) {
      const options = { ...this.signOptions, nonce: this.takeNonce(pair.address) };
      const secret = this.signers && this.secrets.get(pair.address);
      if (!secret) {
        tx.sign(pair, options);
        out.push({ hex: tx.toHex(), hash: tx.hash.toHex(), len: tx.encodedLength });
        continue;
      }
      let message;
      tx.sign({ address: pair.address, addressRaw: pair.addressRaw, publicKey: pair.publicKey, type: 'sr25519', sign: (m) => { message = m; return placeholder; } }, options);
      const bytes = tx.toU8a();
      const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(marker);
      if (at < 0 || !message) throw new BenchError('the placeholder signature is not in the signed extrinsic');
      const o = { bytes, at };
      out.push(o);
      jobs.push({ o, publicKey: secret.publicKey, secretKey: secret.secretKey, message });
      if (jobs.length % 128 === 0) hand();
    }
    if (jobs.length) {
      if (jobs.length % 128) hand();
      const signatures = (await Promise.all(signing)).flat();
      if (!sr25519Verify(jobs[0].message, signatures[0], jobs[0].publicKey)) throw new BenchError('a worker\'s signature does not verify');
      jobs.forEach(({ o }, k) => {
        o.bytes.set(signatures[k], o.at);
        o.hex = u8aToHex(o.bytes);
        o.hash = blake2AsHex(o.bytes, 256);
        o.len = o.bytes.length;
        delete o.bytes;
        delete o.at;
      });
    }
    return out;
  }

  /** What `payment.queryInfo` says a signed `tx` weighs (call + extensions) and pays. */
  async queryInfo (tx) {
    const u8a = tx.toU8a();
    const info = await this.api.call.transactionPaymentApi.queryInfo(u8a, u8a.length);
    return { weight: info.weight.refTime.toBigInt(), partialFee: info.partialFee.toBigInt(), len: u8a.length };
  }

  /** The pre-dispatch weight of an unsigned-yet call, signed by a throw-away key without using a nonce. */
  async preDispatch (pair, tx) {
    tx.sign(pair, { ...this.signOptions, nonce: 0 });
    return this.queryInfo(tx);
  }

  async best () {
    return (await this.api.rpc.chain.getHeader()).number.toNumber();
  }
}

/** The index of each named field of an event, by `section.method`. */
const fieldIndex = new Map();
function field (event, name) {
  const key = `${event.section}.${event.method}.${name}`;
  if (!fieldIndex.has(key)) {
    fieldIndex.set(key, event.meta.fields.findIndex((f) => f.name.isSome && f.name.unwrap().toString() === name));
  }
  return event.data[fieldIndex.get(key)];
}

/**
 * Signs `items` (`{ pair, tx, units }`), submits them all with bounded concurrency, and reads
 * the blocks until every one is in (or the time is up, or no block took any for a while).
 * Returns per extrinsic its block, charged weight and dispatch error, and per block the counts.
 */
async function execute (chain, label, items, { kind, timeoutMs = 120_000 } = {}) {
  const t0 = performance.now();
  const perSender = new Map();
  const signatures = await chain.signAll(items);
  const signed = items.map((it, i) => {
    const round = perSender.get(it.pair.address) ?? 0;
    perSender.set(it.pair.address, round + 1);
    return { i, round, units: it.units ?? 1, sender: it.pair.address, ...signatures[i] };
  });
  const signMs = performance.now() - t0;
  // Every sender's first nonce before anyone's second: the pool gets ready transactions, not future ones.
  const order = [...signed].sort((a, b) => a.round - b.round || a.i - b.i);
  const pending = new Map(signed.map((s) => [s.hash, s]));
  const unitEvent = UNIT_EVENT[kind];

  const startBlock = await chain.best();
  const conns = await Promise.all(Array.from({ length: Math.min(8, Math.ceil(chain.config.concurrency / 32)) }, () => JsonRpc.open(chain.url)));
  const rejected = [];
  let submittedAll = false;
  let next = 0;
  const tSubmit = performance.now();
  const submitting = Promise.all(Array.from({ length: Math.min(chain.config.concurrency, order.length) }, async (_, w) => {
    const c = conns[w % conns.length];
    while (next < order.length) {
      const s = order[next++];
      try {
        await c.call('author_submitExtrinsic', [s.hex]);
      } catch (e) {
        s.rejected = e.message;
        rejected.push(s);
        pending.delete(s.hash);
      }
    }
  })).then(() => {
    submittedAll = true;
    return performance.now() - tSubmit;
  });

  const blocks = [];
  let scanned = startBlock;
  let lastInclusion = startBlock;
  const deadline = Date.now() + timeoutMs;
  let timedOut = false;
  for (;;) {
    const best = await chain.best();
    for (let n = scanned + 1; n <= best; n++) {
      const b = await readBlock(chain, n, pending, unitEvent);
      if (b.txs) {
        blocks.push(b);
        lastInclusion = n;
      }
      scanned = n;
    }
    if (submittedAll && pending.size === 0) break;
    if (submittedAll && scanned - lastInclusion >= 5) break; // nothing taken for five blocks: dropped
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    await sleep(300);
  }
  const submitMs = await submitting;
  for (const c of conns) c.close();
  const missing = [...pending.values()];
  // Nonces of what never got in are not used: ask the chain again.
  const stale = [...new Set([...missing, ...rejected].map((s) => s.sender))];
  if (stale.length) await chain.loadNonces(stale);
  const done = signed.filter((s) => s.block !== undefined);
  const failed = done.filter((s) => s.error);
  if (label) {
    log(`${label}: ${done.length - failed.length}/${signed.length} ok in ${blocks.length} blocks` +
      `${failed.length ? `, ${failed.length} failed` : ''}${rejected.length ? `, ${rejected.length} refused by the pool` : ''}` +
      `${missing.length ? `, ${missing.length} never included` : ''}${timedOut ? ' (timed out)' : ''}` +
      ` — signed in ${(signMs / 1000).toFixed(1)} s, submitted in ${(submitMs / 1000).toFixed(1)} s`);
  }
  return { signed, done, failed, rejected, missing, blocks, timedOut, signMs, submitMs };
}

/** Reads block `n`: matches its extrinsics to `pending`, records their weight, errors and units. */
async function readBlock (chain, n, pending, unitEvent) {
  const { api } = chain;
  const hash = await api.rpc.chain.getBlockHash(n);
  const [signedBlock, apiAt] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
  const [events, blockWeight] = await Promise.all([apiAt.query.system.events(), apiAt.query.system.blockWeight()]);
  const byPhase = new Map();
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic) continue;
    const i = phase.asApplyExtrinsic.toNumber();
    if (!byPhase.has(i)) byPhase.set(i, []);
    byPhase.get(i).push(event);
    if (event.section === 'datasets' && event.method === 'ContributionSubmitted') {
      const who = field(event, 'contributor').toString();
      if (!chain.contributionsBy.has(who)) chain.contributionsBy.set(who, []);
      chain.contributionsBy.get(who).push(field(event, 'contribution').toBigInt());
    }
  }
  const block = { number: n, hash: hash.toHex(), extrinsics: signedBlock.block.extrinsics.length, txs: 0, units: 0, weight: 0n };
  block.normalWeight = blockWeight.normal.refTime.toBigInt();
  signedBlock.block.extrinsics.forEach((ext, i) => {
    const s = pending.get(ext.hash.toHex());
    if (!s) return;
    pending.delete(s.hash);
    s.block = n;
    const evs = byPhase.get(i) ?? [];
    const outcome = evs.find((e) => e.section === 'system' && (e.method === 'ExtrinsicSuccess' || e.method === 'ExtrinsicFailed'));
    if (outcome?.method === 'ExtrinsicFailed') s.error = describeDispatchError(chain.api, outcome.data[0]);
    const info = outcome?.method === 'ExtrinsicFailed' ? outcome.data[1] : outcome?.data[0];
    s.weight = info ? info.weight.refTime.toBigInt() : 0n;
    s.unitsDone = s.error ? 0 : (unitEvent ? evs.filter((e) => e.section === unitEvent[0] && e.method === unitEvent[1]).length : s.units);
    block.txs += 1;
    block.units += s.unitsDone;
    block.weight += s.weight;
  });
  return block;
}

/** Throws unless every extrinsic of a set-up step went in and dispatched. */
function ensureAllOk (label, r) {
  const problems = [
    ...r.failed.map((s) => `failed in block #${s.block}: ${s.error}`),
    ...r.rejected.map((s) => `refused by the pool: ${s.rejected}`),
    ...r.missing.map(() => 'never included')
  ];
  if (problems.length) throw new BenchError(`set-up step "${label}": ${problems.length} of ${r.signed.length} went wrong; first: ${problems.slice(0, 3).join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// What the loads need.

const TRIB = 10n ** 12n;

/** Hex of a content hash unique to this run, `label` and `i`. */
const contentHash = (salt, label, i) => blake2AsHex(`tributary-bench ${salt} ${label} ${i}`, 256);

/**
 * How `datasets.submitContributions` takes its files, read from the metadata: a builder of the
 * call from `(dataset, [{ hash, size, uri }])`, or why it cannot be built.
 */
function contributionBatchCall (api) {
  const call = api.tx.datasets?.submitContributions;
  if (!call) return { missing: 'the runtime has no datasets.submitContributions' };
  const lookup = api.registry.lookup;
  const shape = (id) => {
    const t = lookup.getSiType(id);
    const d = t.def;
    if (d.isPrimitive) return { kind: d.asPrimitive.type.toLowerCase() };
    if (d.isCompact) return shape(d.asCompact.type);
    if (d.isArray) return shape(d.asArray.type).kind === 'u8' ? { kind: `bytes${d.asArray.len.toNumber()}` } : { kind: 'array' };
    if (d.isSequence) {
      const item = shape(d.asSequence.type);
      return item.kind === 'u8' ? { kind: 'bytes' } : { kind: 'list', item };
    }
    if (d.isComposite) {
      const fields = d.asComposite.fields;
      if (fields.length === 1 && fields[0].name.isNone) return shape(fields[0].type); // a newtype, a BoundedVec
      return { kind: 'struct', fields: fields.map((f) => ({ name: f.name.isSome ? f.name.unwrap().toString() : null, ...shape(f.type) })) };
    }
    if (d.isTuple) return { kind: 'tuple', fields: d.asTuple.map((id) => ({ name: null, ...shape(id) })) };
    return { kind: 'other', path: t.path.map(String).join('::') };
  };
  const fileValue = (f, file) => {
    if (/hash/i.test(f.name ?? '') || f.kind === 'bytes32') return file.hash;
    if (/size|len/i.test(f.name ?? '') || f.kind === 'u64') return file.size;
    if (/uri|url|path|location/i.test(f.name ?? '') || f.kind === 'bytes') return file.uri;
    throw new BenchError(`a file field ${f.name ?? '?'} of kind ${f.kind}`);
  };
  const fileOf = (item, file) => {
    if (item.kind === 'struct') return Object.fromEntries(item.fields.map((f) => [stringCamelCase(f.name), fileValue(f, file)]));
    if (item.kind === 'tuple') return item.fields.map((f) => fileValue(f, file));
    throw new BenchError(`files of kind ${item.kind}`);
  };
  const args = call.meta.fields.map((f) => ({ name: f.name.isSome ? f.name.unwrap().toString() : '', type: f.typeName.isSome ? f.typeName.unwrap().toString() : '', ...shape(f.type) }));
  const signature = `submitContributions(${args.map((a) => `${a.name}: ${a.type}`).join(', ')})`;
  const roles = args.map((a) => (a.kind === 'list' ? 'files' : /dataset/i.test(a.name) || a.kind === 'u32' ? 'dataset' : null));
  if (roles.includes(null) || roles.filter((r) => r === 'files').length !== 1 || roles.filter((r) => r === 'dataset').length !== 1) {
    return { missing: `its arguments are not (dataset, files): ${signature}` };
  }
  const max = api.consts.datasets?.maxFilesPerSubmission?.toNumber();
  const build = (dataset, files) => call(...args.map((a, i) => (roles[i] === 'dataset' ? dataset : files.map((f) => fileOf(a.item, f)))));
  try {
    build(0, [{ hash: contentHash('probe', 'probe', 0), size: 1, uri: '' }]);
  } catch (e) {
    return { missing: `cannot build ${signature}: ${e.message}` };
  }
  return { build, max, signature };
}

/** Creates the keys, funds them, and builds the dataset, contributions, model, providers and allowances. */
async function setUp (chain, plan) {
  const { api, config } = chain;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58Prefix(api) });
  const dev = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].flatMap((n) => [`//${n}`, `//${n}//stash`]).map((u) => keyring.createFromUri(u));
  const [alice, ...funders] = dev;
  const t0 = performance.now();
  // `//bench//…` derived from the dev phrase once (not per URI), with the secrets kept for the workers.
  const root = keyFromPath(sr25519PairFromSeed(mnemonicToMiniSecret(DEV_PHRASE)), keyExtractPath('//bench').path, 'sr25519');
  const one = (path) => {
    const kp = keyFromPath(root, keyExtractPath(path).path, 'sr25519');
    const pair = keyring.createFromPair(kp, {}, 'sr25519');
    chain.secrets.set(pair.address, kp);
    return pair;
  };
  const derive = (path, n) => Array.from({ length: n }, (_, i) => one(`//${path}${i}`));
  const keys = {
    alice,
    senders: derive('', plan.senders), // //bench//0, //bench//1, …
    contributors: derive('contributor//', 64),
    heavy: one('//heavy'),
    providers: derive('provider//', plan.providers),
    consumers: derive('consumer//', plan.providers)
  };
  if (keys.senders[0].address !== keyring.createFromUri('//bench//0').address) throw new BenchError('//bench//0 derived wrongly');
  chain.pairs = new Map([...dev, ...keys.senders, ...keys.contributors, keys.heavy, ...keys.providers, ...keys.consumers].map((p) => [p.address, p]));
  log(`derived ${chain.pairs.size - dev.length} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await chain.loadNonces(dev.map((p) => p.address));

  const reportsPerConsumer = BigInt(Math.ceil((plan.n['report-batch'] ?? 0) * plan.batch / plan.providers) + 1);
  const bond = 1_000n * TRIB;
  const funding = [
    ...keys.senders.map((p) => [p.address, 100n * TRIB]),
    ...keys.contributors.map((p) => [p.address, 100n * TRIB]),
    [keys.heavy.address, 10_000n * TRIB],
    ...keys.providers.map((p) => [p.address, bond + 1_000n * TRIB]),
    ...keys.consumers.map((p) => [p.address, reportsPerConsumer * plan.price + 1_000n * TRIB])
  ];
  const salt = `${Date.now()}-${process.pid}`;
  const datasetId = (await api.query.datasets.nextDatasetId()).toNumber();
  const chunk = 256;
  const items = [];
  for (let i = 0, f = 0; i < funding.length; i += chunk, f++) {
    const transfers = funding.slice(i, i + chunk).map(([who, amount]) => api.tx.balances.transferKeepAlive(who, amount));
    items.push({ pair: funders[f % funders.length], tx: api.tx.utility.batchAll(transfers) });
  }
  items.push({
    pair: alice,
    tx: api.tx.datasets.createDataset('tributary-bench', 'Throughput benchmark: open, contributions accepted on submission',
      'Text', 'CC0-1.0', { mode: 'Open', deposit: 100_000_000_000n, maxContentSize: 1n << 30n })
  });
  ensureAllOk('fund accounts, create the dataset', await execute(chain, `set-up: fund ${funding.length} accounts, create dataset ${datasetId}`, items, { timeoutMs: 180_000 }));

  // 64 contributors with one contribution each (the first with four: "a few"), the heavy one with
  // BENCH_HEAVY, and the providers' bonds.
  const contribute = (pair, label, i) => ({ pair, tx: api.tx.datasets.submitContribution(datasetId, contentHash(salt, label, i), 1024 + i, '') });
  const step2 = [
    ...keys.contributors.map((p, i) => contribute(p, 'contributor', i)),
    ...[1, 2, 3].map((i) => contribute(keys.contributors[0], 'few', i)),
    ...Array.from({ length: config.heavy }, (_, i) => contribute(keys.heavy, 'heavy', i)),
    ...keys.providers.map((p) => ({ pair: p, tx: api.tx.attribution.registerProvider(bond) }))
  ];
  ensureAllOk('contributions, providers', await execute(chain, `set-up: ${step2.length - keys.providers.length} contributions, ${keys.providers.length} providers`, step2, { timeoutMs: 180_000 }));
  const version = (await api.query.datasets.datasets(datasetId)).unwrap().version.toNumber();
  const attributable = [...chain.contributionsBy.entries()]
    .filter(([who]) => who !== keys.heavy.address)
    .flatMap(([, ids]) => ids);

  const modelId = (await api.query.attribution.nextModelId()).toNumber();
  const step3 = [
    { pair: alice, tx: api.tx.attribution.registerModel('tributary-bench model', [[datasetId, version]], null, plan.price, 'Native') },
    { pair: alice, tx: api.tx.utility.batchAll(keys.providers.map((p) => api.tx.attribution.authorizeProvider(modelId, p.address))) }
  ];
  ensureAllOk('model', await execute(chain, `set-up: model ${modelId} on dataset ${datasetId} v${version}, ${keys.providers.length} providers authorised`, step3));
  const allowance = 10n ** 30n;
  const step4 = keys.consumers.map((c, i) => ({ pair: c, tx: api.tx.attribution.approve(keys.providers[i].address, modelId, allowance) }));
  ensureAllOk('allowances', await execute(chain, `set-up: ${step4.length} consumer allowances`, step4));
  return { keys, salt, datasetId, version, modelId, attributable };
}

/** Gives each sender without a contribution one (unmeasured), so the claim load has claimants. */
async function topUpContributions (chain, world, plan) {
  const lacking = world.keys.senders.slice(0, plan.n.claim).filter((p) => !chain.contributionsBy.has(p.address));
  if (!lacking.length) return;
  const items = lacking.map((p, i) => ({
    pair: p, tx: chain.api.tx.datasets.submitContribution(world.datasetId, contentHash(world.salt, 'claimant', i), 4096, '')
  }));
  ensureAllOk('claimants', await execute(chain, `set-up: a contribution for each of ${items.length} senders, to claim for`, items, { timeoutMs: 300_000 }));
}

// ---------------------------------------------------------------------------------------------
// The loads.

/** Round-robin over `pairs`: item i from pair i mod n, so each sender's nonces stay few. */
const roundRobin = (pairs, n, make) => Array.from({ length: n }, (_, i) => make(pairs[i % pairs.length], i));

function reportBatch (world, provider, consumer, requestIds, batch, entries) {
  const share = Math.floor(800_000_000 / entries); // 80 % to the named contributions, 20 % pooled
  const reports = Array.from({ length: batch }, () => {
    const id = requestIds.get(provider.address) ?? 0;
    requestIds.set(provider.address, id + 1);
    const picked = new Set();
    while (picked.size < Math.min(entries, world.attributable.length)) {
      picked.add(world.attributable[Math.floor(Math.random() * world.attributable.length)]);
    }
    return {
      requestId: id,
      model: world.modelId,
      consumer: consumer.address,
      units: 1,
      outputHash: blake2AsHex(`${world.salt} output ${provider.address} ${id}`, 256),
      attribution: [...picked].map((c) => [c, share])
    };
  });
  return reports;
}

/** The items of load `kind`, `n` of them (claims: at most one per contributor with rewards). */
function loadItems (chain, world, plan, kind, n) {
  const { api } = chain;
  const { keys } = world;
  switch (kind) {
    case 'transfer':
      return roundRobin(keys.senders, n, (p, i) => ({
        pair: p, tx: api.tx.balances.transferKeepAlive(keys.senders[(i + 1) % keys.senders.length].address, 1_000_000_000n)
      }));
    case 'contribution':
      return roundRobin(keys.senders, n, (p, i) => ({
        pair: p, tx: api.tx.datasets.submitContribution(world.datasetId, contentHash(world.salt, 'load', i), 4096, '')
      }));
    case 'contribution-batch':
      return roundRobin(keys.senders, n, (p, i) => ({
        pair: p,
        units: plan.filesPerBatch,
        tx: plan.batchCall.build(world.datasetId, Array.from({ length: plan.filesPerBatch }, (_, j) =>
          ({ hash: contentHash(world.salt, `batch ${i}`, j), size: 4096, uri: '' })))
      }));
    case 'report-batch': {
      const requestIds = world.requestIds ?? (world.requestIds = new Map());
      return roundRobin(keys.providers, n, (p, i) => {
        const consumer = keys.consumers[i % keys.providers.length];
        return { pair: p, units: plan.batch, tx: api.tx.attribution.reportInferences(reportBatch(world, p, consumer, requestIds, plan.batch, plan.entries)) };
      });
    }
    case 'claim': {
      const claimants = [...chain.contributionsBy.entries()].filter(([who]) => chain.pairs.has(who));
      return claimants.slice(0, n).map(([who, ids]) => ({
        pair: chain.pairs.get(who), tx: api.tx.attribution.claim(who, 'Native', [ids[0]])
      }));
    }
  }
  throw new BenchError(`unknown kind ${kind}`);
}

/** A sample signed extrinsic of each kind with valid arguments, for its pre-dispatch weight. */
function sampleTx (api, kind, plan, alice) {
  const files = (k) => Array.from({ length: k }, (_, j) => ({ hash: contentHash('sample', 'file', j), size: 4096, uri: '' }));
  const report = (id) => ({
    requestId: id, model: 0, consumer: alice.address, units: 1, outputHash: contentHash('sample', 'out', id),
    attribution: Array.from({ length: plan.entries }, (_, j) => [j, Math.floor(800_000_000 / plan.entries)])
  });
  switch (kind) {
    case 'transfer': return api.tx.balances.transferKeepAlive(alice.address, 1_000_000_000n);
    case 'contribution': return api.tx.datasets.submitContribution(0, contentHash('sample', 'c', 0), 4096, '');
    case 'contribution-batch': return plan.batchCall.build(0, files(plan.filesPerBatch));
    case 'report-batch': return api.tx.attribution.reportInferences(Array.from({ length: plan.batch }, (_, i) => report(i)));
    case 'report-single': return api.tx.attribution.reportInference(report(0));
    case 'claim': return api.tx.attribution.claim(alice.address, 'Native', [0]);
  }
}

/** The numbers of one load. */
function summarise (chain, kind, r, pre, blockTimeMs) {
  const blocks = r.blocks.map((b) => ({ ...b, build: chain.builds.get(b.number) }));
  const haveLog = blocks.some((b) => b.build);
  // Full: the builder stopped at a limit (weight, size, time). Without the node's log, a block
  // counts as full when its normal-class weight is 90 % of the limit.
  const isFull = (b) => (haveLog ? b.build && LIMITS.has(b.build.end) : Number(b.normalWeight) >= 0.9 * Number(chain.capacity));
  const full = blocks.filter(isFull);
  const included = r.done;
  const weights = included.map((s) => Number(s.weight));
  const units = sum(included.map((s) => s.unitsDone ?? 0));
  // Build time over the full blocks; over every block of the load when none was full.
  const builds = (full.length ? full : blocks).filter((b) => b.build && b.txs);
  const unitsPerBlock = mean(full.map((b) => b.units));
  return {
    kind,
    submitted: r.signed.length,
    included: included.length,
    units,
    failed: r.failed.length,
    refused: r.rejected.length,
    missing: r.missing.length,
    timedOut: r.timedOut,
    errors: [...new Set([...r.failed.map((s) => s.error), ...r.rejected.map((s) => `refused by the pool: ${s.rejected}`)])].slice(0, 5),
    chargedWeightUs: mean(weights) / 1e6,
    chargedWeightPerUnitUs: units ? sum(weights) / units / 1e6 : NaN,
    preDispatchWeightUs: pre ? Number(pre.weight + chain.baseExtrinsic) / 1e6 : NaN,
    partialFee: pre ? pre.partialFee.toString() : undefined,
    encodedLength: pre?.len,
    unitsPerTx: included.length ? units / included.length : NaN,
    blocks: blocks.length,
    fullBlocks: full.length,
    txsPerBlockMax: full.length ? Math.max(...full.map((b) => b.txs)) : NaN,
    txsPerBlockMean: mean(full.map((b) => b.txs)),
    unitsPerBlockMean: unitsPerBlock,
    unitsPerSecond: unitsPerBlock / (blockTimeMs / 1000),
    blockFill: mean((full.length ? full : blocks).map((b) => Number(b.normalWeight) / Number(chain.capacity))),
    buildOver: full.length ? 'full blocks' : 'all blocks of the load (none was full)',
    endReasons: Object.fromEntries([...new Set(blocks.map((b) => b.build?.end ?? 'unknown'))].map((e) => [e, blocks.filter((b) => (b.build?.end ?? 'unknown') === e).length])),
    buildMsPerTx: builds.length ? sum(builds.map((b) => b.build.ms)) / sum(builds.map((b) => b.txs)) : NaN,
    buildMsPerUnit: builds.length ? sum(builds.map((b) => b.build.ms)) / sum(builds.map((b) => b.units)) : NaN,
    buildMsPerTxBest: builds.length ? Math.min(...builds.map((b) => b.build.ms / b.txs)) : NaN,
    signSeconds: r.signMs / 1000,
    submitSeconds: r.submitMs / 1000,
    perBlock: blocks.map((b) => ({ number: b.number, txs: b.txs, units: b.units, extrinsics: b.extrinsics, fill: Number(b.normalWeight) / Number(chain.capacity), buildMs: b.build?.ms, end: b.build?.end }))
  };
}

// ---------------------------------------------------------------------------------------------
// The RPC measurement.

async function rpcLoad (url, method, params, { seconds, concurrency }) {
  const conns = await Promise.all(Array.from({ length: concurrency }, () => JsonRpc.open(url)));
  const sample = await conns[0].call(method, params); // warm-up, and what it answers
  const latencies = [];
  let errors = 0;
  let firstError;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(conns.map(async (c) => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await c.call(method, params);
        latencies.push(performance.now() - t);
      } catch (e) {
        errors++;
        firstError ??= e.message;
      }
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  for (const c of conns) c.close();
  return {
    method,
    requests: latencies.length,
    errors,
    firstError,
    perSecond: latencies.length / elapsed,
    medianMs: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    answerBytes: JSON.stringify(sample).length,
    sample
  };
}

// ---------------------------------------------------------------------------------------------
// Output.

const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const fmt0 = (x) => fmt(x, 0);

function table (results) {
  const base = results.find((r) => r.kind === 'transfer');
  const lines = [
    '| kind | charged weight µs | per block | tx/s | build ms/tx | × transfer |',
    '|---|---|---|---|---|---|'
  ];
  for (const r of results) {
    const batch = r.unitsPerTx > 1.0001;
    const weight = batch ? `${fmt0(r.chargedWeightUs)} (${fmt(r.chargedWeightPerUnitUs)}/unit)` : fmt(r.chargedWeightUs);
    const perBlock = r.fullBlocks
      ? `${fmt0(r.txsPerBlockMax)} max, ${fmt0(r.txsPerBlockMean)} mean${batch ? ` (${fmt0(r.unitsPerBlockMean)} units)` : ''}`
      : `not saturated (${r.included} in ${r.blocks} blocks)`;
    const x = base
      ? (batch ? `${fmt(r.chargedWeightUs / base.chargedWeightUs, 2)} (${fmt(r.chargedWeightPerUnitUs / base.chargedWeightUs, 2)}/unit)` : fmt(r.chargedWeightUs / base.chargedWeightUs, 2))
      : '—';
    const build = (batch ? `${fmt(r.buildMsPerTx, 3)} (${fmt(r.buildMsPerUnit, 3)}/unit)` : fmt(r.buildMsPerTx, 3)) +
      (r.fullBlocks ? '' : ' (unsaturated)');
    lines.push(`| ${r.kind} | ${weight} | ${perBlock} | ${fmt0(r.unitsPerSecond)} | ${build} | ${x} |`);
  }
  return lines.join('\n');
}

/** Per kind: what payment.queryInfo charges before dispatch, the blocks, and build time against weight. */
function details (results) {
  const lines = [
    '| kind | txs (units) | pre-dispatch µs | partial fee | bytes | full blocks | end reasons | fill | build ms/tx best block | build ÷ charged (best) |',
    '|---|---|---|---|---|---|---|---|---|---|'
  ];
  for (const r of results) {
    const reasons = Object.entries(r.endReasons).map(([k, v]) => `${k} ${v}`).join(', ');
    const problems = r.failed || r.refused || r.missing ? ` — ${r.failed} failed, ${r.refused} refused, ${r.missing} missing` : '';
    lines.push(`| ${r.kind} | ${r.included}${r.unitsPerTx > 1.0001 ? ` (${r.units})` : ''}${problems} | ${fmt(r.preDispatchWeightUs)} | ${r.partialFeeText} | ` +
      `${r.encodedLength} | ${r.fullBlocks}/${r.blocks} | ${reasons} | ${fmt(100 * r.blockFill, 0)} % | ${fmt(r.buildMsPerTxBest, 3)} | ` +
      `${fmt(1000 * r.buildMsPerTx / r.chargedWeightUs, 2)} (${fmt(1000 * r.buildMsPerTxBest / r.chargedWeightUs, 2)}) |`);
  }
  return lines.join('\n');
}

function ratioLines (results) {
  const base = results.find((r) => r.kind === 'transfer');
  if (!base) return [];
  return results.filter((r) => r !== base).map((r) => {
    const batch = r.unitsPerTx > 1.0001;
    return `${r.kind}${batch ? ` (${fmt(r.unitsPerTx, 0)} units a tx)` : ''}: ` +
      `${fmt(r.txsPerBlockMean / base.txsPerBlockMean, 3)}× the transfers per block, ` +
      `${fmt(r.unitsPerSecond / base.unitsPerSecond, 3)}× the transfer tx/s${batch ? ' (in units)' : ''}, ` +
      `charged ${fmt(r.chargedWeightUs / base.chargedWeightUs, 2)}× a transfer's weight` +
      `${batch ? ` (${fmt(r.chargedWeightPerUnitUs / base.chargedWeightUs, 2)}× per unit)` : ''}, ` +
      `pre-dispatch ${fmt(r.preDispatchWeightUs / base.preDispatchWeightUs, 2)}×`;
  });
}

function bigintJson (_, v) {
  return typeof v === 'bigint' ? v.toString() : v;
}

// ---------------------------------------------------------------------------------------------

async function main () {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    console.log(HELP);
    return 0;
  }
  if (process.argv.length > 2) throw new BenchError(`no arguments are taken (options are environment variables): see --help`);
  const config = readConfig();
  const results = { date: new Date().toISOString(), config, node: nodeBinary(), loadAverage: loadavg()[0], loads: [], rpc: [], notes: [] };
  state.results = results;
  const deadline = Date.now() + config.timeout * 1000;
  const left = () => deadline - Date.now();

  await cryptoWaitReady();
  state.signers = await Signers.start(availableParallelism());
  const builds = new Map();
  log(`starting ${results.node}`);
  const node = await startNode({
    prometheus: false,
    args: [
      '--rpc-max-connections', '2048',
      '--rpc-max-request-size', '64', '--rpc-max-response-size', '256',
      '--rpc-message-buffer-capacity-per-connection', '1024',
      '--pool-limit', '200000', '--pool-kbytes', '1048576',
      ...config.nodeArgs
    ],
    onLine: (line) => {
      const pool = /Creating transaction pool (.*)$/.exec(line);
      if (pool) results.pool = pool[1].trim();
      const m = PREPARED.exec(line);
      if (m) builds.set(Number(m[1]), { ms: Number(m[2]), end: m[3], count: Number(m[4]) });
    },
    timeoutMs: 180_000
  });
  state.node = node;
  const api = await connect(node.url);
  state.api = api;
  const chain = new Chain(api, node.url, config);
  chain.builds = builds;
  chain.signers = state.signers;
  const version = api.runtimeVersion;
  results.runtime = { specName: version.specName.toString(), specVersion: version.specVersion.toNumber() };
  const blockTimeMs = (await api.call.auraApi.slotDuration()).toNumber();
  const { decimals, symbol } = token(api);
  const feeText = (planck) => `${(Number(planck) / 10 ** decimals).toPrecision(3)} ${symbol}`;
  log(`${results.runtime.specName} v${results.runtime.specVersion}, ${blockTimeMs / 1000} s blocks, ` +
    `normal-class block weight ${fmt(Number(chain.capacity) / 1e6, 0)} µs (of which ${fmt(Number(chain.baseExtrinsic) / 1e6)} µs per extrinsic)`);

  // The plan: how much of each kind fills BENCH_BLOCKS blocks (or the share BENCH_N transfers take).
  const consts = api.consts.attribution;
  const plan = {
    price: TRIB,
    batch: Math.min(config.batch, consts.maxBatchSize.toNumber()),
    entries: Math.min(config.entries, consts.maxAttributionEntries.toNumber()),
    providers: Math.min(config.providers, consts.maxProvidersPerModel.toNumber()),
    n: {}
  };
  const kinds = [...config.kinds];
  if (kinds.includes('contribution-batch')) {
    const batchCall = contributionBatchCall(api);
    if (batchCall.missing) {
      results.notes.push(`contribution-batch skipped: ${batchCall.missing}`);
      kinds.splice(kinds.indexOf('contribution-batch'), 1);
    } else {
      plan.batchCall = batchCall;
      plan.filesPerBatch = Math.min(config.batch, batchCall.max ?? config.batch);
      results.notes.push(`contribution-batch: ${batchCall.signature}, ${plan.filesPerBatch} files per call`);
    }
  }
  if (kinds.includes('claim') && !kinds.includes('report-batch')) {
    results.notes.push('claim skipped: it claims what the report-batch load paid (add report-batch to BENCH_KINDS)');
    kinds.splice(kinds.indexOf('claim'), 1);
  }
  const probe = new Keyring({ type: 'sr25519' }).createFromUri('//Alice');
  const pre = {};
  for (const k of [...kinds, ...(kinds.includes('report-batch') ? ['report-single'] : []), 'transfer']) {
    pre[k] ??= await chain.preDispatch(probe, sampleTx(api, k, plan, probe));
  }
  const perTx = (k) => Number(pre[k].weight + chain.baseExtrinsic);
  for (const k of kinds) {
    plan.n[k] = config.n !== undefined
      ? Math.max(1, Math.ceil(config.n * perTx('transfer') / perTx(k)))
      : Math.ceil(config.blocks * Number(chain.capacity) / perTx(k));
  }
  plan.senders = config.senders ?? Math.min(8192, Math.max(64, kinds.includes('claim') ? plan.n.claim : 256));
  // A claim needs a contributor: the contribution load gives every sender one when claims follow.
  if (kinds.includes('claim') && kinds.includes('contribution') && plan.n.contribution < plan.senders) {
    results.notes.push(`contribution: ${plan.senders} extrinsics rather than ${plan.n.contribution}, so that every sender has a contribution to claim for`);
    plan.n.contribution = plan.senders;
  }
  results.plan = { ...plan, batchCall: undefined };
  for (const n of results.notes) log(n);
  log(`plan: ${kinds.map((k) => `${k} ${plan.n[k]}`).join(', ')}; ${plan.senders} senders`);

  const world = await setUp(chain, plan);
  const heavy = world.keys.heavy.address;
  const few = world.keys.contributors[0].address;

  const status = { failed: 0 };
  const errorsShown = [];
  for (const kind of kinds) {
    if (left() < 30_000) {
      results.notes.push(`${kind} skipped: the global timeout is near`);
      continue;
    }
    if (kind === 'report-batch' && kinds.includes('claim')) await topUpContributions(chain, world, plan);
    const items = loadItems(chain, world, plan, kind, plan.n[kind]);
    if (kind === 'claim' && items.length < plan.n.claim) {
      results.notes.push(`claim: ${items.length} contributor accounts have rewards to claim (planned ${plan.n.claim}); raise BENCH_SENDERS for more`);
    }
    const expectedBlocks = items.length * perTx(kind) / Number(chain.capacity);
    const timeoutMs = Math.min(left() - 20_000, 60_000 + expectedBlocks * 4 * blockTimeMs);
    const r = await execute(chain, `${kind}: ${items.length} extrinsics`, items, { kind, timeoutMs });
    await sleep(1000); // the node's log line of the last block
    const s = summarise(chain, kind, r, pre[kind], blockTimeMs);
    s.partialFeeText = feeText(pre[kind].partialFee);
    results.loads.push(s);
    if (kind === 'report-batch') {
      s.singleReportPreDispatchUs = Number(pre['report-single'].weight + chain.baseExtrinsic) / 1e6;
    }
    if (s.failed || s.refused || s.missing) {
      status.failed += s.failed + s.refused + s.missing;
      errorsShown.push(...s.errors.map((e) => `${kind}: ${e}`));
    }
    log(`${kind}: ${fmt(s.chargedWeightUs)} µs charged per tx; ${s.fullBlocks} full blocks of ${s.blocks}; ` +
      `${fmt0(s.txsPerBlockMean)} tx/block; ${fmt0(s.unitsPerSecond)} units/s; build ${fmt(s.buildMsPerTx, 3)} ms/tx`);
  }

  // RPC: rewards of an account with a few contributions and of the heaviest, against system_health.
  if (left() > 3 * config.seconds * 1000 + 10_000) {
    const methods = (await api.rpc.rpc.methods()).methods.map(String);
    const rewardsMethod = methods.includes('tributary_rewards') ? 'tributary_rewards' : 'tributary_pendingRewards';
    const opts = { seconds: config.seconds, concurrency: config.rpcConcurrency };
    const health = await rpcLoad(node.url, 'system_health', [], opts);
    const fewR = await rpcLoad(node.url, rewardsMethod, [few], opts);
    const heavyR = await rpcLoad(node.url, rewardsMethod, [heavy], opts);
    const contributions = (a) => chain.contributionsBy.get(a)?.length ?? 0;
    results.rpc = [
      { target: 'system_health', ...health },
      { target: `${rewardsMethod} (${contributions(few)} contributions)`, account: few, contributions: contributions(few), ...fewR },
      { target: `${rewardsMethod} (${contributions(heavy)} contributions)`, account: heavy, contributions: contributions(heavy), ...heavyR }
    ].map((x) => ({ ...x, sample: undefined, settle: Array.isArray(x.sample) ? x.sample.map((c) => c.settle?.length) : undefined }));
  } else {
    results.notes.push('RPC measurement skipped: the global timeout is near');
  }

  // The report.
  const out = [];
  out.push(`## Tributary chain throughput — ${results.date}`, '');
  out.push(`Node ${results.node}, runtime ${results.runtime.specName} v${results.runtime.specVersion}; ${blockTimeMs / 1000} s blocks, ` +
    `${fmt(Number(chain.capacity) / 1e9, 2)} ms of normal-class weight per block; ${plan.senders} senders; ` +
    `machine: ${machine()}, load average ${fmt(results.loadAverage, 2)} at the start; pool: ${results.pool ?? 'unknown'}.`, '');
  out.push(table(results.loads), '');
  out.push('Charged weight: the `system.ExtrinsicSuccess` weight (after refunds, with the base extrinsic weight). ' +
    'Per block and tx/s: over the blocks the builder closed at a limit (weight, size or time); tx/s counts units ' +
    '(a contribution batch of k files counts k, a report batch of B reports counts B) per block time. Build ms: ' +
    'the node\'s own "Prepared block for proposing" time, per extrinsic of the load. × transfer: charged weight.', '');
  out.push(details(results.loads), '');
  out.push('Pre-dispatch: `payment.queryInfo` weight + the base extrinsic weight, what a block reserves before dispatch; ' +
    'fill: normal-class block weight used after refunds; build ÷ charged: real build time per extrinsic over its charged weight ' +
    '(the first blocks of a load build beside the pool taking in and revalidating the backlog; the best block is the closest to steady state).', '');
  for (const l of ratioLines(results.loads)) out.push(`- ${l}`);
  const rb = results.loads.find((r) => r.kind === 'report-batch');
  if (rb) {
    out.push(`- report-batch: each report in a batch is charged ${fmt(rb.chargedWeightPerUnitUs)} µs; one report of the same ` +
      `${plan.entries} entries alone (attribution.reportInference) is charged ${fmt(rb.singleReportPreDispatchUs)} µs pre-dispatch ` +
      `(${fmt(rb.chargedWeightPerUnitUs / rb.singleReportPreDispatchUs, 2)}×)`);
  }
  if (results.rpc.length) {
    const [h, ...rs] = results.rpc;
    out.push('', `| RPC (concurrency ${config.rpcConcurrency}, ${config.seconds} s) | requests/s | median ms | p90 ms | answer bytes | × system_health (req/s, median) |`, '|---|---|---|---|---|---|');
    for (const x of results.rpc) {
      const ratio = x === h ? '1' : `${fmt(x.perSecond / h.perSecond, 3)}, ${fmt(x.medianMs / h.medianMs, 2)}`;
      out.push(`| ${x.target} | ${fmt0(x.perSecond)} | ${fmt(x.medianMs, 2)} | ${fmt(x.p90Ms, 2)} | ${x.answerBytes} | ${ratio} |${x.errors ? ` ${x.errors} errors: ${x.firstError}` : ''}`);
    }
    out.push('');
    for (const x of rs) out.push(`- ratio rewards/health for ${x.target}: ${fmt(x.perSecond / h.perSecond, 3)}× the requests/s, ${fmt(x.medianMs / h.medianMs, 2)}× the median latency`);
  }
  if (results.notes.length) out.push('', ...results.notes.map((n) => `Note: ${n}`));
  if (errorsShown.length) out.push('', 'Errors (first few):', ...errorsShown.slice(0, 8).map((e) => `- ${e}`));
  console.log(out.join('\n'));
  results.markdown = out.join('\n');
  if (config.out) writeFileSync(config.out, JSON.stringify(results, bigintJson, 2));
  return status.failed ? 1 : 0;
}

function machine () {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}`;
}

const state = {};

async function shutdown () {
  try { await state.api?.disconnect(); } catch {}
  state.node?.stop();
  state.signers?.stop();
}

process.on('SIGINT', () => { log('interrupted'); process.exit(130); });
process.on('SIGTERM', () => { log('terminated'); process.exit(143); });

const timeoutSeconds = (() => { try { return readConfig().timeout; } catch { return 900; } })();
const globalTimer = setTimeout(() => {
  log(`global timeout (${timeoutSeconds} s, BENCH_TIMEOUT) reached`);
  const out = process.env.BENCH_OUT;
  if (out && state.results) writeFileSync(out, JSON.stringify({ ...state.results, incomplete: true }, bigintJson, 2));
  process.exit(2);
}, timeoutSeconds * 1000 + 30_000);
globalTimer.unref();

main().then(async (code) => {
  await shutdown();
  process.exit(code);
}, async (e) => {
  log(`error: ${e instanceof BenchError ? e.message : e.stack}`);
  await shutdown();
  process.exit(2);
});
