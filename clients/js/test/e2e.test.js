// End to end with polkadot.js against the real node: the CLI and the library run the whole loop
// with keyring accounts; the tests assert on events, balances and rewards, on every `tributary_*`
// answer agreeing field for field with the runtime API's, and on the one-line errors of bad input.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

import { encodeAddress } from '@polkadot/util-crypto';

import {
  connect, contributionEarnings, findEvent, key, model, receipt, rewards, send, ss58Prefix, submitFile, token,
  trainingSet
} from '../src/index.js';
import { freePort, startNode } from '../src/node.js';
import { cli, disagreements } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-js-'));
const file = (name, content) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Asserts a `tributary_*` answer and the runtime API's decoded answer agree field for field. */
function assertAgree (json, codec, what) {
  assert.deepEqual(disagreements(json, codec), [], `${what}: the RPC and api.call.attributionApi disagree`);
}

describe('Tributary through polkadot.js', () => {
  let node;
  let api;
  let keys;
  let unit; // one native token in its smallest units

  before(async () => {
    node = await startNode();
    api = await connect(node.url);
    keys = {};
    for (const n of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) keys[n] = await key(api, { uri: `//${n}` });
    unit = 10n ** BigInt(token(api).decimals);
  });

  after(async () => {
    await api?.disconnect();
    node?.stop();
  });

  test('the chain declares its address format and token, and keys follow them', () => {
    assert.equal(ss58Prefix(api), 7307);
    assert.equal(ss58Prefix(api), api.consts.system.ss58Prefix.toNumber());
    assert.deepEqual(token(api), { decimals: 12, symbol: 'TRIB' });
    assert.equal(keys.Bob.address, encodeAddress(keys.Bob.publicKey, 7307));
  });

  test('the whole loop: dataset, contribution, review, model, report, rewards, claim', async () => {
    // Alice creates a curated dataset (CLI).
    const created = await cli(['create-dataset', '--url', node.url, '--key', '//Alice', '--name', 'poems',
      '--license', 'CC-BY-4.0', '--curated', '--deposit', '1000000000', '--max-size', '4096']);
    assert.equal(created.code, 0, created.stderr);
    const datasetId = Number(/Created dataset (\d+)/.exec(created.stdout)[1]);
    assert.equal(datasetId, 2);
    assert.match(created.stdout, /in block #\d+/);

    // Bob submits a file (CLI, mnemonic-style secret from the environment): pending, deposit held.
    const poem = file('poem.txt', 'shall I compare thee to a summer day');
    const bobBefore = (await api.query.system.account(keys.Bob.address)).data;
    const submitted = await cli(['submit', '--url', node.url, '--key-env', 'BOB_SECRET', '--dataset', String(datasetId), '--file', poem],
      { BOB_SECRET: '//Bob' });
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /pending review/);
    const contribution = Number(/as contribution (\d+)/.exec(submitted.stdout)[1]);
    const bobHeld = (await api.query.system.account(keys.Bob.address)).data.reserved.toBigInt();
    assert.equal(bobHeld - bobBefore.reserved.toBigInt(), 1_000_000_000n);

    // Alice accepts it (CLI): Bob's deposit comes back.
    const reviewed = await cli(['review', '--url', node.url, '--key', '//Alice', '--contribution', String(contribution), '--accept', '90']);
    assert.equal(reviewed.code, 0, reviewed.stderr);
    assert.match(reviewed.stdout, /with 90 points; dataset 2 is at version 1/);
    assert.equal((await api.query.system.account(keys.Bob.address)).data.reserved.toBigInt(), bobBefore.reserved.toBigInt());

    // Charlie contributes to the open dataset 0 through the library.
    const c = await submitFile(api, keys.Charlie, 0, file('charlie.txt', 'rough winds do shake the darling buds of may'));
    assert.ok(findEvent(c, 'datasets', 'ContributionAccepted'), 'open dataset accepts at once');

    // Dave registers a model on both datasets (CLI).
    const registered = await cli(['register-model', '--url', node.url, '--key', '//Dave', '--datasets', `${datasetId}:1,0:1`,
      '--price', '1000000000000', '--metadata', 'sonnet-lm']);
    assert.equal(registered.code, 0, registered.stderr);
    const modelId = Number(/Registered model (\d+)/.exec(registered.stdout)[1]);

    // Eve bonds and is authorised; Ferdie approves; Eve reports with 70 % on Bob's poem.
    await send(api, keys.Eve, api.tx.attribution.registerProvider(100n * unit));
    await send(api, keys.Dave, api.tx.attribution.authorizeProvider(modelId, keys.Eve.address));
    await send(api, keys.Ferdie, api.tx.attribution.approve(keys.Eve.address, modelId, 5n * unit));
    const ferdieBefore = (await api.query.system.account(keys.Ferdie.address)).data.free.toBigInt();
    const outputHash = '0x' + '11'.repeat(32);
    const reported = await send(api, keys.Eve, api.tx.attribution.reportInference({
      requestId: 1, model: modelId, consumer: keys.Ferdie.address, units: 3,
      outputHash, attribution: [[contribution, 700_000_000]]
    }));
    const ev = findEvent(reported, 'attribution', 'InferenceReported');
    assert.equal(BigInt(ev.named.fee), 3n * unit);
    const ferdieAfter = (await api.query.system.account(keys.Ferdie.address)).data.free.toBigInt();
    assert.equal(ferdieBefore - ferdieAfter, 3n * unit);

    // Bob's rewards: one currency, owed directly and pending in the dataset pool, and the RPC
    // agrees with the runtime API field for field.
    const owed = await rewards(api, keys.Bob.address);
    assert.equal(owed.length, 1);
    const r = owed[0];
    assert.equal(r.currency, 'Native');
    for (const f of ['claimable', 'owed', 'pendingPooled', 'earned', 'claimed']) {
      assert.match(r[f], /^\d+$/, `${f} is a decimal string`);
    }
    assert.ok(BigInt(r.owed) > 0n && BigInt(r.pendingPooled) > 0n, JSON.stringify(r));
    assert.equal(BigInt(r.claimable), BigInt(r.owed) + BigInt(r.pendingPooled));
    assert.deepEqual(r.settle, [String(contribution)]);
    const rewardsViaCall = await api.call.attributionApi.rewards(keys.Bob.address);
    assertAgree(owed, rewardsViaCall, 'rewards');
    // The comparison can fail: one planck more is seen.
    assert.notDeepEqual(disagreements([{ ...r, owed: String(BigInt(r.owed) + 1n) }], rewardsViaCall), []);

    const shown = await cli(['rewards', '--url', node.url, '--account', keys.Bob.address]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^${keys.Bob.address} in native: claimable [\\d.]+ TRIB \\(owed [\\d.]+ TRIB, ` +
      `pending in dataset pools [\\d.]+ TRIB\\), earned [\\d.]+ TRIB, claimed 0 TRIB; a claim settles contributions ${contribution}$`, 'm'));

    // The receipt.
    const rc = await receipt(api, 0);
    assert.deepEqual(rc, {
      id: '0',
      provider: keys.Eve.address,
      requestId: '1',
      model: modelId,
      consumer: keys.Ferdie.address,
      units: 3,
      outputHash,
      fee: String(3n * unit),
      currency: 'Native',
      attribution: [[String(contribution), 700_000_000]],
      block: reported.block
    });
    assertAgree(rc, await api.call.attributionApi.receipt(0), 'receipt');

    // Bob's contribution's earnings.
    const earnings = await contributionEarnings(api, contribution);
    assert.equal(earnings.length, 1);
    assert.equal(earnings[0].currency, 'Native');
    assert.ok(BigInt(earnings[0].earned) > 0n && BigInt(earnings[0].pending) > 0n, JSON.stringify(earnings));
    assert.equal(earnings[0].pending, r.pendingPooled);
    assertAgree(earnings, await api.call.attributionApi.contributionEarnings(contribution), 'contributionEarnings');

    // The model and its usage.
    const m = await model(api, modelId);
    assert.equal(m.id, modelId);
    assert.equal(m.owner, keys.Dave.address);
    assert.equal(m.metadata, '0x' + Buffer.from('sonnet-lm').toString('hex'));
    assert.deepEqual(m.trainedOn, [[datasetId, 1], [0, 1]]);
    assert.equal(m.parent, null);
    assert.equal(m.price, String(unit));
    assert.equal(m.currency, 'Native');
    assert.deepEqual(m.providers, [keys.Eve.address]);
    assert.equal(m.status, 'Active');
    assert.match(m.deposit, /^\d+$/);
    assert.deepEqual([m.inferences, m.units, m.fees], ['1', '3', String(3n * unit)]);
    assertAgree(m, await api.call.attributionApi.model(modelId), 'model');

    // Its training set: Bob's poem and Charlie's text, in one page or one id at a time.
    const set = await trainingSet(api, modelId);
    assert.equal(set.next, null);
    const charlie = findEvent(c, 'datasets', 'ContributionSubmitted').named.contribution;
    assert.deepEqual(set.contributions.map((x) => [x.id, x.dataset]).sort(),
      [[String(contribution), datasetId], [String(charlie), 0]].sort());
    assert.ok(set.contributions.every((x) => /^0x[0-9a-f]{64}$/.test(x.contentHash)));
    assert.equal(set.contributions.find((x) => x.id === String(contribution)).contentHash, /blake2-256 (0x[0-9a-f]{64})/.exec(submitted.stdout)[1]);
    assertAgree(set, await api.call.attributionApi.trainingSet(modelId, 0, 1000), 'trainingSet');
    const paged = [];
    let from = '0';
    for (let pages = 0; from !== null; pages++) {
      assert.ok(pages < 10, 'one id per page: the scan ends within ten pages');
      const page = await trainingSet(api, modelId, { from, limit: 1 });
      assert.ok(page.contributions.length <= 1);
      paged.push(...page.contributions);
      assert.ok(page.next === null || BigInt(page.next) > BigInt(from), `next ${page.next} after ${from}`);
      from = page.next;
    }
    assert.deepEqual(paged, set.contributions);

    // Bob claims (CLI): his free balance grows by the claim minus the fee he paid.
    const claimable = BigInt(r.claimable);
    const before = (await api.query.system.account(keys.Bob.address)).data.free.toBigInt();
    const claimed = await cli(['claim', '--url', node.url, '--key', '//Bob']);
    assert.equal(claimed.code, 0, claimed.stderr);
    assert.match(claimed.stdout, /Claimed .* TRIB for /);
    const afterBal = (await api.query.system.account(keys.Bob.address)).data.free.toBigInt();
    assert.ok(afterBal > before && afterBal <= before + claimable, `${before} -> ${afterBal}, claimable ${claimable}`);
    const left = await rewards(api, keys.Bob.address);
    assert.equal(left[0].claimable, '0');
    assert.equal(left[0].claimed, String(claimable));
    assert.deepEqual(left[0].settle, []);
    assertAgree(left, await api.call.attributionApi.rewards(keys.Bob.address), 'rewards after the claim');
  });

  test('the RPC names an unknown id or a bad account with its error code', async () => {
    await assert.rejects(receipt(api, 999), /tributary_receipt: 9002/);
    await assert.rejects(model(api, 999), /tributary_model: 9002/);
    await assert.rejects(contributionEarnings(api, 999), /tributary_contributionEarnings: 9002/);
    await assert.rejects(trainingSet(api, 999), /tributary_trainingSet: 9002/);
    await assert.rejects(rewards(api, 'not-an-account'), /tributary_rewards: 9001/);
    const r = await cli(['rewards', '--url', node.url, '--account', 'not-an-account']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: tributary_rewards: 9001/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('a dispatch error exits non-zero with the error named', async () => {
    const r = await cli(['review', '--url', node.url, '--key', '//Bob', '--contribution', '0', '--accept', '5']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^error: failed in block #\d+: datasets\.NotCurator/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('a file too big or an unknown dataset is refused before anything is submitted', async () => {
    const nonce = (await api.rpc.system.accountNextIndex(keys.Charlie.address)).toNumber();
    const big = file('big.bin', Buffer.alloc(5000, 1));
    let r = await cli(['submit', '--url', node.url, '--key', '//Charlie', '--dataset', '2', '--file', big]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `error: ${big} is 5000 bytes; dataset 2 accepts at most 4096 bytes`);
    r = await cli(['submit', '--url', node.url, '--key', '//Charlie', '--dataset', '99', '--file', big]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'error: dataset 99 does not exist');
    assert.equal((await api.rpc.system.accountNextIndex(keys.Charlie.address)).toNumber(), nonce, 'nothing submitted');
  });

  test('a folder is submitted in one extrinsic, one contribution per file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tributary-folder-'));
    mkdirSync(join(folder, 'sub'));
    const contents = { 'a.txt': 'so long lives this', 'b.txt': 'and this gives life to thee', 'sub/c.txt': 'when in eternal lines' };
    for (const [name, text] of Object.entries(contents)) writeFileSync(join(folder, name), text);
    const r = await cli(['submit', '--url', node.url, '--key', '//Dave', '--dataset', '0', '--dir', folder, '--uri', 'ipfs://sonnet18/']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Submitted 3 files of .* to dataset 0 as contributions \d+, \d+, \d+; accepted at once/);
    // One extrinsic: the three contributions are in one block, with the URIs of their paths.
    const ids = /as contributions (\d+), (\d+), (\d+)/.exec(r.stdout).slice(1).map(Number);
    const uris = [];
    for (const id of ids) {
      const c = (await api.query.datasets.contributions(id)).unwrap();
      assert.equal(c.status.toString(), 'Accepted');
      uris.push(new TextDecoder().decode(c.uri.toU8a(true)));
    }
    assert.deepEqual(uris, ['ipfs://sonnet18/a.txt', 'ipfs://sonnet18/b.txt', 'ipfs://sonnet18/sub/c.txt']);

    // The same content twice in a folder is refused before anything is sent.
    const twice = mkdtempSync(join(tmpdir(), 'tributary-folder-'));
    writeFileSync(join(twice, 'x.txt'), 'thy eternal summer');
    writeFileSync(join(twice, 'y.txt'), 'thy eternal summer');
    const nonce = (await api.rpc.system.accountNextIndex(keys.Dave.address)).toNumber();
    const refused = await cli(['submit', '--url', node.url, '--key', '//Dave', '--dataset', '0', '--dir', twice]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), 'error: y.txt has the same content as x.txt');
    assert.equal((await api.rpc.system.accountNextIndex(keys.Dave.address)).toNumber(), nonce, 'nothing submitted');
  });

  test('a wrong URL and a node of another chain are refused in one line', async () => {
    const port = await freePort();
    let r = await cli(['rewards', '--url', `ws://127.0.0.1:${port}`, '--account', keys.Bob.address]);
    assert.equal(r.code, 1);
    assert.match(r.stderr.trim(), /^error: cannot reach a Tributary node at ws:\/\/127\.0\.0\.1:\d+: .*$/);
    assert.equal(r.stderr.trim().split('\n').length, 1);

    // A JSON-RPC server of another chain.
    const other = new WebSocketServer({ port: await freePort(), host: '127.0.0.1' });
    await new Promise((resolve) => other.on('listening', resolve));
    other.on('connection', (ws) => ws.on('message', (m) => {
      const { id } = JSON.parse(m.toString());
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, result: { specName: 'polkadot', specVersion: 1 } }));
    }));
    try {
      r = await cli(['rewards', '--url', `ws://127.0.0.1:${other.address().port}`, '--account', keys.Bob.address]);
      assert.equal(r.code, 1);
      assert.match(r.stderr.trim(), /is not a Tributary node \(its runtime is "polkadot"\)$/);
    } finally {
      other.close();
    }
    r = await cli(['rewards', '--url', 'localhost:9944']);
    assert.equal(r.stderr.trim(), 'error: invalid node URL "localhost:9944": expected ws://host:port or wss://…');
  });

  // Last: Dave's new keys live in this node's keystore, so once he validates (two sessions
  // later) this single node would hold both GRANDPA votes' keys but cast one.
  test('an operator registers session keys and a validator_admin referendum adds them', async () => {
    const dave = keys.Dave.address;
    let r = await cli(['set-keys', '--url', node.url], { TRIBUTARY_SURI: '//Dave' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Generated session keys on the node, owned by /);
    assert.match(r.stdout, /Registered them with session\.setKeys in block #\d+/);
    assert.ok((await api.query.session.nextKeys(dave)).isSome, 'the keys are registered');

    r = await cli(['propose-validator', '--url', node.url, '--key', '//Dave']);
    assert.equal(r.stderr.trim(), 'error: give exactly one of --add ADDRESS or --remove ADDRESS');
    r = await cli(['propose-validator', '--url', node.url, '--key', '//Dave', '--add', dave]);
    assert.equal(r.code, 0, r.stderr);
    const index = Number(/^Referendum (\d+) on the validator_admin track/.exec(r.stdout)?.[1]);
    assert.ok(Number.isInteger(index), r.stdout);
    for (const voter of ['//Alice', '//Bob']) {
      r = await cli(['vote', '--url', node.url, '--key', voter, '--referendum', String(index), '--balance', '100000']);
      assert.equal(r.code, 0, r.stderr);
    }
    const deadline = Date.now() + 150_000;
    while (!(await api.query.validatorSet.validators()).map(String).includes(dave)) {
      assert.ok(Date.now() < deadline, 'the referendum did not add Dave within 150 s');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    r = await cli(['validators', '--url', node.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Governed set \(2\)/);
    assert.ok(r.stdout.includes(dave));
  });
});
