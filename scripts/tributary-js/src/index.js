// @tributary/js: connect to a Tributary node with polkadot.js, sign and follow extrinsics, read
// rewards through the runtime API and the custom RPC.

import { readFileSync, statSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { WebSocket } from '@polkadot/x-ws';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

import { rpc } from './rpc.js';

export { rpc };

/** Tributary's SS58 prefix. */
export const SS58_PREFIX = 7307;
/** The runtime's spec name: any other chain is refused. */
export const SPEC_NAME = 'tributary';

/** An error a person can act on; the CLI prints its message on one line. */
export class TributaryError extends Error {}

/** Asks a node for its runtime version with one bare JSON-RPC call, before polkadot.js decodes anything. */
function runtimeVersion (url, timeoutMs) {
  return new Promise((resolve, reject) => {
    let ws;
    const fail = (why) => {
      clearTimeout(timer);
      try { ws?.close(); } catch {}
      reject(new TributaryError(`cannot reach a Tributary node at ${url}: ${why}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    try {
      ws = new WebSocket(url);
    } catch (e) {
      fail(e.message);
      return;
    }
    ws.onerror = (e) => fail(e?.message || e?.error?.message || 'connection refused');
    ws.onopen = () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_getRuntimeVersion', params: [] }));
    ws.onmessage = (msg) => {
      clearTimeout(timer);
      ws.onerror = null;
      ws.close();
      try {
        const body = JSON.parse(msg.data.toString());
        if (body.error) reject(new TributaryError(`${url} answered with an error: ${body.error.message}`));
        else resolve(body.result);
      } catch (e) {
        reject(new TributaryError(`${url} did not answer JSON-RPC: ${e.message}`));
      }
    };
  });
}

/**
 * Connects to a Tributary node and returns an `ApiPromise` with the custom RPC.
 * Refuses unreachable URLs and nodes of other chains with a clear error.
 */
export async function connect (url, { timeoutMs = 10_000 } = {}) {
  if (!/^wss?:\/\//.test(url)) {
    throw new TributaryError(`invalid node URL ${JSON.stringify(url)}: expected ws://host:port or wss://…`);
  }
  const version = await runtimeVersion(url, timeoutMs);
  if (version?.specName !== SPEC_NAME) {
    throw new TributaryError(`${url} is not a Tributary node (its runtime is ${JSON.stringify(version?.specName)})`);
  }
  const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, noInitWarn: true, throwOnConnect: true });
  return api;
}

/**
 * A signing key: a dev URI (`//Alice`), a secret URI, or a mnemonic — given directly or, better,
 * through the environment variable named by `fromEnv`.
 */
export async function key ({ uri, fromEnv } = {}) {
  await cryptoWaitReady();
  const secret = fromEnv ? process.env[fromEnv] : uri;
  if (!secret) {
    throw new TributaryError(fromEnv ? `environment variable ${fromEnv} is not set` : 'no key given: use --key //Alice or --key-env VAR');
  }
  const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });
  try {
    return keyring.addFromUri(secret.trim());
  } catch (e) {
    throw new TributaryError(`invalid key: ${e.message}`);
  }
}

/** Turns a dispatch error into `pallet.Error: docs`. */
export function describeDispatchError (api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}: ${docs.join(' ').trim()}`;
  }
  return dispatchError.toString();
}

/**
 * Signs and submits `tx` with `signer`; resolves when it is in a block with
 * `{ block, blockHash, events }`, rejects with a `TributaryError` naming the dispatch error.
 */
export function send (api, signer, tx) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new TributaryError(`transaction ${status.type.toLowerCase()}`));
        return;
      }
      if (!status.isInBlock) return;
      unsub();
      const blockHash = status.asInBlock.toHex();
      api.rpc.chain.getHeader(blockHash).then((header) => {
        const block = header.number.toNumber();
        if (dispatchError) {
          const err = new TributaryError(`failed in block #${block}: ${describeDispatchError(api, dispatchError)}`);
          err.block = block;
          reject(err);
          return;
        }
        resolve({
          block,
          blockHash,
          events: events.map(({ event }) => ({
            section: event.section,
            method: event.method,
            data: event.data.toJSON(),
            named: namedData(event)
          }))
        });
      }, reject);
    }).then((u) => { unsub = u; }, (e) => reject(new TributaryError(`the node refused the transaction: ${e.message}`)));
  });
}

function namedData (event) {
  const names = event.meta.fields.map((f) => f.name.isSome ? f.name.unwrap().toString() : null);
  const out = {};
  event.data.forEach((value, i) => { out[names[i] ?? i] = value.toJSON(); });
  return out;
}

/** The event `section.method` of a result, or undefined. */
export function findEvent (result, section, method) {
  return result.events.find((e) => e.section === section && e.method === method);
}

/** The blake2-256 hash (hex) and size of a file. */
export function hashFile (path) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new TributaryError(`cannot read ${path}: ${e.code || e.message}`);
  }
  return { hash: u8aToHex(blake2AsU8a(bytes, 256)), size: bytes.length };
}

/** A dataset, or a clear error if it does not exist. */
export async function dataset (api, id) {
  const d = await api.query.datasets.datasets(id);
  if (d.isNone) throw new TributaryError(`dataset ${id} does not exist`);
  return d.unwrap();
}

/** Submits a file's hash as a contribution, after checking the dataset and the file size. */
export async function submitFile (api, signer, datasetId, path, uri = '') {
  const { hash, size } = hashFile(path);
  const d = await dataset(api, datasetId);
  const max = d.policy.maxContentSize.toBigInt();
  if (BigInt(size) > max) {
    throw new TributaryError(`${path} is ${size} bytes; dataset ${datasetId} accepts at most ${max} bytes`);
  }
  if (size === 0) throw new TributaryError(`${path} is empty`);
  const existing = await api.query.datasets.contentIndex(hash);
  if (existing.isSome) {
    throw new TributaryError(`this content (${hash}) is already registered as contribution ${existing.unwrap().toString()}`);
  }
  const result = await send(api, signer, api.tx.datasets.submitContribution(datasetId, hash, size, uri));
  return { ...result, hash, size };
}

/** Rewards of `address` through the runtime API (`api.call`), per currency, as bigint. */
export async function rewardsViaCall (api, address) {
  const views = await api.call.attributionApi.rewards(address);
  return views.map((v) => ({
    currency: v.currency.isNative ? 'native' : { asset: v.currency.asWithId.toNumber() },
    owed: v.owed.toBigInt(),
    pendingPooled: v.pendingPooled.toBigInt(),
    earned: v.earned.toBigInt(),
    claimed: v.claimed.toBigInt()
  }));
}

/** Rewards of `address` through the custom JSON-RPC, per currency, as bigint. */
export async function rewardsViaRpc (api, address) {
  const raw = (await api.rpc.tributary.pendingRewards(address)).toJSON();
  // polkadot.js' `Json` type keeps a JSON array as an index-keyed map.
  const json = Array.isArray(raw) ? raw : Object.values(raw ?? {});
  return json.map((r) => ({
    currency: r.currency,
    claimable: BigInt(r.claimable),
    owed: BigInt(r.owed),
    pendingPooled: BigInt(r.pendingPooled),
    earned: BigInt(r.earned),
    claimed: BigInt(r.claimed),
    settle: r.settle
  }));
}

/** Formats plancks as TRIB. */
export function trib (plancks) {
  const p = BigInt(plancks);
  const whole = p / 1_000_000_000_000n;
  const frac = (p % 1_000_000_000_000n).toString().padStart(12, '0').replace(/0+$/, '');
  return `${whole}${frac ? '.' + frac : ''} TRIB`;
}

export function fileSize (path) {
  return statSync(path).size;
}

/**
 * Generates session keys in the keystore of the node `api` is connected to, with `owner`'s
 * account as the owner their proof signs (`author_rotateKeysWithOwner`, an unsafe RPC: use the
 * operator's own node). Resolves with `{ keys, proof }` as hex.
 */
export async function rotateKeysWithOwner (api, owner) {
  const ownerBytes = u8aToHex(decodeAddress(owner));
  try {
    const generated = (await api.rpc.author.rotateKeysWithOwner(ownerBytes)).toJSON();
    if (!generated?.proof) throw new TributaryError('the node returned keys without an ownership proof');
    return generated;
  } catch (e) {
    if (e instanceof TributaryError) throw e;
    throw new TributaryError(`author_rotateKeysWithOwner failed (it needs the operator's own node, with unsafe RPC methods allowed): ${e.message}`);
  }
}

/** The governed validator set, the session's validators, and session timing. */
export async function validatorStatus (api) {
  const [governed, active, queued, session, sessionLength, changePending, header] = await Promise.all([
    api.query.validatorSet.validators(),
    api.query.session.validators(),
    api.query.session.queuedKeys(),
    api.query.session.currentIndex(),
    api.query.validatorSet.sessionLength(),
    api.query.validatorSet.changePending(),
    api.rpc.chain.getHeader()
  ]);
  const best = header.number.toNumber();
  const length = sessionLength.toNumber();
  return {
    governed: governed.map((a) => a.toString()),
    active: active.map((a) => a.toString()),
    queued: queued.map(([a]) => a.toString()),
    session: session.toNumber(),
    sessionLength: length,
    changePending: changePending.isTrue,
    best,
    nextSession: (Math.floor(best / length) + 1) * length
  };
}
