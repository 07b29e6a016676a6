// @tributary/js: connect to a Tributary node with polkadot.js, sign and follow extrinsics, read
// rewards, receipts, contributions and models through the `tributary_*` JSON-RPC.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { WebSocket } from '@polkadot/x-ws';
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, hexToU8a, isHex, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

import { rpc } from './rpc.js';

export { rpc };

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
  // The functions below turn an RPC error into a one-line TributaryError: polkadot.js need not log it too.
  const quiet = Object.fromEntries(Object.entries(rpc).map(([section, methods]) =>
    [section, Object.fromEntries(Object.entries(methods).map(([name, def]) => [name, { ...def, noErrorLog: true }]))]));
  const api = await ApiPromise.create({ provider: new WsProvider(url), rpc: quiet, noInitWarn: true, throwOnConnect: true });
  try {
    ss58Prefix(api);
    token(api);
  } catch (e) {
    await api.disconnect();
    throw e;
  }
  return api;
}

/** The chain's SS58 address prefix: the runtime's `system.ss58Prefix`, which polkadot.js keeps in its registry. */
export function ss58Prefix (api) {
  const prefix = api.registry.chainSS58;
  if (prefix === undefined) throw new TributaryError('the node declares no SS58 prefix (system.ss58Prefix)');
  return prefix;
}

/** The chain's native token, `{ decimals, symbol }`, as the node declares it in `system_properties`. */
export function token (api) {
  const properties = api.registry.getChainProperties();
  if (!properties?.tokenDecimals.isSome || !properties.tokenSymbol.isSome) {
    throw new TributaryError('the node declares no token decimals and symbol (system_properties)');
  }
  return { decimals: api.registry.chainDecimals[0], symbol: api.registry.chainTokens[0] };
}

/**
 * A signing key: a dev URI (`//Alice`), a secret URI, or a mnemonic — given directly or, better,
 * through the environment variable named by `fromEnv`. Its address is in the chain's SS58 format.
 */
export async function key (api, { uri, fromEnv } = {}) {
  await cryptoWaitReady();
  const secret = fromEnv ? process.env[fromEnv] : uri;
  if (!secret) {
    throw new TributaryError(fromEnv ? `environment variable ${fromEnv} is not set` : 'no key given: use --key //Alice or --key-env VAR');
  }
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58Prefix(api) });
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

/** A file's hash and size, checked against dataset `d` (`id`) and the chain's content index. */
async function checkedFile (api, d, id, path) {
  const { hash, size } = hashFile(path);
  const max = d.policy.maxContentSize.toBigInt();
  if (BigInt(size) > max) {
    throw new TributaryError(`${path} is ${size} bytes; dataset ${id} accepts at most ${max} bytes`);
  }
  if (size === 0) throw new TributaryError(`${path} is empty`);
  const existing = await api.query.datasets.contentIndex(hash);
  if (existing.isSome) {
    throw new TributaryError(`${path}: this content (${hash}) is already registered as contribution ${existing.unwrap().toString()}`);
  }
  return { hash, size };
}

/** Submits a file's hash as a contribution, after checking the dataset and the file size. */
export async function submitFile (api, signer, datasetId, path, uri = '') {
  const d = await dataset(api, datasetId);
  const { hash, size } = await checkedFile(api, d, datasetId, path);
  const result = await send(api, signer, api.tx.datasets.submitContribution(datasetId, hash, size, uri));
  return { ...result, hash, size };
}

/** The regular files under `dir`, recursively, as paths relative to it, sorted. */
export function folderFiles (dir) {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    throw new TributaryError(`cannot read folder ${dir}: ${e.code || e.message}`);
  }
  return entries.filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/**
 * Submits every file under `dir` as one contribution each, with `datasets.submitContributions`
 * in as few extrinsics as the chain's `MaxFilesPerSubmission` allows (each all or none). A file's
 * URI is `uriPrefix` followed by its path in the folder, or empty without a prefix. Every file is
 * checked (size, content already registered, the same content twice in the folder) before
 * anything is sent. Returns one result per extrinsic, with the files it carried.
 */
export async function submitFolder (api, signer, datasetId, dir, uriPrefix = '') {
  const d = await dataset(api, datasetId);
  const paths = folderFiles(dir);
  if (paths.length === 0) throw new TributaryError(`${dir} holds no file`);
  const seen = new Map();
  const files = [];
  for (const path of paths) {
    const { hash, size } = await checkedFile(api, d, datasetId, join(dir, path));
    if (seen.has(hash)) throw new TributaryError(`${path} has the same content as ${seen.get(hash)}`);
    seen.set(hash, path);
    files.push({ path, contentHash: hash, sizeBytes: size, uri: uriPrefix ? uriPrefix + path : '' });
  }
  const per = api.consts.datasets.maxFilesPerSubmission.toNumber();
  const results = [];
  for (let i = 0; i < files.length; i += per) {
    const chunk = files.slice(i, i + per);
    const tx = api.tx.datasets.submitContributions(datasetId, chunk.map(({ path, ...file }) => file));
    results.push({ ...(await send(api, signer, tx)), files: chunk });
  }
  return results;
}

/** The accepted form of a currency, as extrinsics take it and the RPC answers it: `'Native'` or `{ WithId: id }`. */
export function currency (assetId) {
  if (assetId === undefined || assetId === null) return 'Native';
  if (!/^\d+$/.test(String(assetId)) || Number(assetId) > 0xffff_ffff) {
    throw new TributaryError(`an asset id is a whole number below 2^32, got ${JSON.stringify(assetId)}`);
  }
  return { WithId: Number(assetId) };
}

/** Whether two currencies in that form are the same. */
export function sameCurrency (a, b) {
  return a === 'Native' ? b === 'Native' : (b !== 'Native' && a?.WithId === b?.WithId);
}

/** A currency in words: `native` or `asset 7`. */
export function currencyName (c) {
  if (c === 'Native') return 'native';
  if (Number.isInteger(c?.WithId)) return `asset ${c.WithId}`;
  throw new TributaryError(`unknown currency ${JSON.stringify(c)}`);
}

/** Parses an amount of a token with `decimals` decimals (`1000`, `0.5`) into its smallest units. */
export function parseAmount (text, decimals) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!m) throw new TributaryError(`an amount is a number such as 1000 or 0.5, got ${JSON.stringify(text)}`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > decimals) throw new TributaryError(`${text} has more than ${decimals} decimals`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

/** Formats smallest units (a bigint, a decimal or 0x-hex string, or a safe integer) as the token: `0.63 TRIB`. */
export function formatAmount (units, { decimals, symbol }) {
  const u = BigInt(units);
  const one = 10n ** BigInt(decimals);
  const frac = decimals ? (u % one).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  return `${u / one}${frac ? '.' + frac : ''} ${symbol}`;
}

/**
 * Formats an amount in currency `c`: the native token with its decimals and symbol, an asset in
 * its smallest units.
 */
export function formatIn (c, units, nativeToken) {
  return c === 'Native' ? formatAmount(units, nativeToken) : `${BigInt(units)} of ${currencyName(c)}`;
}

/**
 * The JSON a `tributary_*` method answered. polkadot.js' `Json` type keeps a JSON array as an
 * index-keyed object, so a method that answers an array needs `asArray`.
 */
async function ask (api, method, params, { asArray = false } = {}) {
  const call = api.rpc.tributary?.[method];
  if (!call) throw new TributaryError(`the node does not serve tributary_${method}`);
  let raw;
  try {
    raw = (await call(...params)).toJSON();
  } catch (e) {
    throw new TributaryError(`tributary_${method}: ${e.message}`);
  }
  return asArray ? Object.values(raw ?? {}) : raw;
}

/** Drops the trailing parameters left out, so the node applies its defaults. */
function given (...params) {
  while (params.length && params[params.length - 1] === undefined) params.pop();
  return params;
}

/**
 * `account`'s rewards per currency (`tributary_rewards`): `[{ currency, claimable, owed,
 * pendingPooled, earned, claimed, settle }]`, amounts as decimal strings, `settle` the
 * contribution ids to pass to `attribution.claim`.
 */
export function rewards (api, account, at) {
  return ask(api, 'rewards', given(account, at), { asArray: true });
}

/** Receipt `id` (`tributary_receipt`). */
export function receipt (api, id, at) {
  return ask(api, 'receipt', given(String(id), at));
}

/** What contribution `id` earned and has pending, per currency (`tributary_contributionEarnings`). */
export function contributionEarnings (api, id, at) {
  return ask(api, 'contributionEarnings', given(String(id), at), { asArray: true });
}

/** Model `id` and its usage (`tributary_model`). */
export function model (api, id, at) {
  return ask(api, 'model', given(id, at));
}

/** The most contribution ids one `tributary_trainingSet` call scans, and its default. */
export const TRAINING_SET_MAX_LIMIT = 1000;

/**
 * One page of the contributions model `id` may attribute to (`tributary_trainingSet`):
 * `{ contributions: [{ id, dataset, contentHash }], next }`, scanning contribution ids from `from`
 * (default `'0'`) over at most `limit` ids; `next` is the `from` of the next page, null at the end.
 */
export function trainingSet (api, id, { from, limit, at } = {}) {
  const params = given(id, from, limit, at);
  if (params.length > 2 && from === undefined) params[1] = '0';
  if (params.length > 3 && limit === undefined) params[2] = TRAINING_SET_MAX_LIMIT;
  return ask(api, 'trainingSet', params);
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

/** Prefix of every signed inference intent (docs/consent.md). */
export const INTENT_DOMAIN = 'tributary/intent/v1';

/**
 * The bytes a consumer signs to consent to one inference: `tributary/intent/v1`, then the SCALE
 * encoding of the intent (docs/consent.md gives the layout). `genesis` is the chain's genesis
 * hash (hex), `consumer` and `provider` addresses (any SS58 format) or 32-byte hex account ids;
 * the numbers are numbers, bigints or decimal strings.
 */
export function intentPayload ({ genesis, consumer, provider, model, requestId, maxUnits, maxPrice, expires }) {
  const int = (name, value, bits) => {
    let v;
    try {
      v = BigInt(value);
    } catch {
      throw new TributaryError(`intent ${name}: ${JSON.stringify(value)} is not an integer`);
    }
    if (v < 0n || v >= 1n << BigInt(bits)) {
      throw new TributaryError(`intent ${name}: ${v} does not fit in u${bits}`);
    }
    return bnToU8a(v, { bitLength: bits, isLe: true });
  };
  const account = (name, value) => {
    try {
      return decodeAddress(value);
    } catch {
      throw new TributaryError(`intent ${name}: ${JSON.stringify(value)} is not an account`);
    }
  };
  if (!isHex(genesis, 256)) {
    throw new TributaryError(`intent genesis: ${JSON.stringify(genesis)} is not a 32-byte hex hash`);
  }
  return u8aConcat(
    stringToU8a(INTENT_DOMAIN),
    hexToU8a(genesis),
    account('consumer', consumer),
    account('provider', provider),
    int('model', model, 32),
    int('requestId', requestId, 64),
    int('maxUnits', maxUnits, 32),
    int('maxPrice', maxPrice, 128),
    int('expires', expires, 32)
  );
}

/**
 * `pair`'s signature of `intent`, as the chain's `MultiSignature` (`{ Sr25519 | Ed25519 | Ecdsa:
 * hex }`). The intent's consumer must be `pair`'s account.
 */
export function signIntent (pair, intent) {
  const scheme = { sr25519: 'Sr25519', ed25519: 'Ed25519', ecdsa: 'Ecdsa' }[pair.type];
  if (!scheme) throw new TributaryError(`cannot sign an intent with a ${pair.type} key`);
  return { [scheme]: u8aToHex(pair.sign(intentPayload(intent))) };
}
