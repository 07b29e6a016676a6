// End to end with polkadot.js against the real node: the CLI and the library run the whole loop
// with keyring accounts; the tests assert on events, balances and rewards, and on the one-line
// errors of bad input.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

import { connect, findEvent, key, rewardsViaCall, rewardsViaRpc, send, submitFile } from '../src/index.js';
import { cli, freePort, startNode } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-js-'));
const file = (name, content) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('Tributary through polkadot.js', () => {
  let node;
  let api;
  let keys;

  before(async () => {
    node = await startNode();
    api = await connect(node.url);
    keys = {};
    for (const n of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) keys[n] = await key({ uri: `//${n}` });
  });

  after(async () => {
    await api?.disconnect();
    node?.stop();
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
    const model = await cli(['register-model', '--url', node.url, '--key', '//Dave', '--datasets', `${datasetId}:1,0:1`,
      '--price', '1000000000000', '--metadata', 'sonnet-lm']);
    assert.equal(model.code, 0, model.stderr);
    const modelId = Number(/Registered model (\d+)/.exec(model.stdout)[1]);

    // Eve bonds and is authorised; Ferdie approves; Eve reports with 70 % on Bob's poem.
    await send(api, keys.Eve, api.tx.attribution.registerProvider(100n * 10n ** 12n));
    await send(api, keys.Dave, api.tx.attribution.authorizeProvider(modelId, keys.Eve.address));
    await send(api, keys.Ferdie, api.tx.attribution.approve(keys.Eve.address, modelId, 5n * 10n ** 12n));
    const ferdieBefore = (await api.query.system.account(keys.Ferdie.address)).data.free.toBigInt();
    const reported = await send(api, keys.Eve, api.tx.attribution.reportInference({
      requestId: 1, model: modelId, consumer: keys.Ferdie.address, units: 3,
      outputHash: '0x' + '11'.repeat(32), attribution: [[contribution, 700_000_000]]
    }));
    const ev = findEvent(reported, 'attribution', 'InferenceReported');
    assert.equal(BigInt(ev.named.fee), 3n * 10n ** 12n);
    const ferdieAfter = (await api.query.system.account(keys.Ferdie.address)).data.free.toBigInt();
    assert.equal(ferdieBefore - ferdieAfter, 3n * 10n ** 12n);

    // Rewards through api.call and through the custom RPC agree.
    const viaCall = await rewardsViaCall(api, keys.Bob.address);
    const viaRpc = await rewardsViaRpc(api, keys.Bob.address);
    assert.equal(viaCall.length, 1);
    assert.equal(viaCall[0].owed, viaRpc[0].owed);
    assert.equal(viaCall[0].pendingPooled, viaRpc[0].pendingPooled);
    assert.ok(viaRpc[0].owed > 0n && viaRpc[0].pendingPooled > 0n);
    const shown = await cli(['rewards', '--url', node.url, '--account', keys.Bob.address]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /api\.call and RPC agree/);

    // Bob claims (CLI): his free balance grows by the claim minus the fee he paid.
    const claimable = viaRpc[0].claimable;
    const before = (await api.query.system.account(keys.Bob.address)).data.free.toBigInt();
    const claimed = await cli(['claim', '--url', node.url, '--key', '//Bob']);
    assert.equal(claimed.code, 0, claimed.stderr);
    assert.match(claimed.stdout, /Claimed .* TRIB for /);
    const afterBal = (await api.query.system.account(keys.Bob.address)).data.free.toBigInt();
    assert.ok(afterBal > before && afterBal <= before + claimable, `${before} -> ${afterBal}, claimable ${claimable}`);
    const left = await rewardsViaRpc(api, keys.Bob.address);
    assert.equal(left[0].claimable, 0n);
    assert.equal(left[0].claimed, claimable);

    // The receipt over the RPC.
    const receipt = (await api.rpc.tributary.receipt(0)).toJSON();
    assert.equal(receipt.units, 3);
    assert.deepEqual(receipt.attribution, [{ contribution, sharePpb: 700_000_000 }]);
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
