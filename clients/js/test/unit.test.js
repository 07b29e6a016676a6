// The package's pure functions, without a node: amounts, currencies, and the RPC definitions.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';

import {
  currency, currencyName, formatAmount, formatIn, intentPayload, parseAmount, rpc, sameCurrency,
  signIntent, TributaryError
} from '../src/index.js';

const TRIB = { decimals: 12, symbol: 'TRIB' };

describe('amounts', () => {
  test('parseAmount reads whole and fractional amounts with the given decimals', () => {
    assert.equal(parseAmount('1000', 12), 1000n * 10n ** 12n);
    assert.equal(parseAmount('0.5', 12), 5n * 10n ** 11n);
    assert.equal(parseAmount('1.000000000001', 12), 10n ** 12n + 1n);
    assert.equal(parseAmount('2.50', 2), 250n);
    assert.equal(parseAmount('7', 0), 7n);
    assert.equal(parseAmount('0.5', 18), 5n * 10n ** 17n);
    assert.equal(parseAmount(' 3 ', 12), 3n * 10n ** 12n);
  });

  test('parseAmount refuses what is not an amount, and more decimals than the token has', () => {
    for (const bad of ['', '-1', '1e3', '1,5', '.5', '5.', 'ten', '0x10']) {
      assert.throws(() => parseAmount(bad, 12), TributaryError, JSON.stringify(bad));
    }
    assert.throws(() => parseAmount('0.001', 2), /0\.001 has more than 2 decimals/);
    assert.throws(() => parseAmount('1.5', 0), /more than 0 decimals/);
    assert.equal(parseAmount('0.0100', 2), 1n, 'trailing zeros are not extra decimals');
  });

  test('formatAmount writes smallest units in the token, without trailing zeros', () => {
    assert.equal(formatAmount(0n, TRIB), '0 TRIB');
    assert.equal(formatAmount(630_000_000_000n, TRIB), '0.63 TRIB');
    assert.equal(formatAmount('1140000000000', TRIB), '1.14 TRIB');
    assert.equal(formatAmount(1, TRIB), '0.000000000001 TRIB');
    assert.equal(formatAmount('0xe8d4a51000', TRIB), '1 TRIB', 'polkadot.js writes large event values as hex');
    assert.equal(formatAmount(1234n, { decimals: 0, symbol: 'X' }), '1234 X');
    assert.equal(formatAmount(1234n, { decimals: 2, symbol: 'X' }), '12.34 X');
    assert.equal(formatAmount('340282366920938463463374607431768211455', TRIB),
      '340282366920938463463374607.431768211455 TRIB', 'u128::MAX');
  });

  test('parseAmount and formatAmount are inverse', () => {
    for (const text of ['0', '1', '0.5', '123.456', '1000000', '0.000000000001']) {
      assert.equal(formatAmount(parseAmount(text, 12), TRIB), `${text} TRIB`);
    }
  });
});

describe('currencies', () => {
  test('currency gives the form extrinsics take and the RPC answers', () => {
    assert.equal(currency(undefined), 'Native');
    assert.deepEqual(currency('7'), { WithId: 7 });
    assert.deepEqual(currency(0), { WithId: 0 });
    for (const bad of ['x', '-1', '1.5', '4294967296']) assert.throws(() => currency(bad), TributaryError, bad);
  });

  test('sameCurrency and currencyName', () => {
    assert.ok(sameCurrency('Native', 'Native'));
    assert.ok(sameCurrency({ WithId: 7 }, { WithId: 7 }));
    assert.ok(!sameCurrency({ WithId: 7 }, { WithId: 8 }));
    assert.ok(!sameCurrency('Native', { WithId: 0 }));
    assert.ok(!sameCurrency({ WithId: 0 }, 'Native'));
    assert.equal(currencyName('Native'), 'native');
    assert.equal(currencyName({ WithId: 7 }), 'asset 7');
    assert.throws(() => currencyName('native'), /unknown currency "native"/, 'the old form is refused');
    assert.throws(() => currencyName({ asset: 7 }), /unknown currency/, 'the old form is refused');
  });

  test('formatIn writes the native token with its decimals and an asset in its smallest units', () => {
    assert.equal(formatIn('Native', '500000000000', TRIB), '0.5 TRIB');
    assert.equal(formatIn({ WithId: 7 }, '500', TRIB), '500 of asset 7');
  });
});

describe('RPC definitions', () => {
  const json = JSON.parse(readFileSync(new URL('../rpc.json', import.meta.url), 'utf8'));

  test('src/rpc.js exports rpc.json as it is', () => {
    assert.deepEqual(rpc, json);
  });

  test('rpc.json lists the tributary_* methods and their parameters, in order', () => {
    const signature = (section) => Object.fromEntries(Object.entries(json[section]).map(([name, def]) =>
      [name, def.params.map((p) => `${p.name}${p.isOptional ? '?' : ''}: ${p.type}`).join(', ')]));
    assert.deepEqual(Object.keys(json), ['author', 'tributary']);
    assert.deepEqual(signature('author'), { rotateKeysWithOwner: 'owner: Bytes' });
    assert.deepEqual(Object.entries(signature('tributary')), [
      ['rewards', 'account: Text, at?: BlockHash'],
      ['receipt', 'id: u64, at?: BlockHash'],
      ['contributionEarnings', 'id: u64, at?: BlockHash'],
      ['model', 'id: u32, at?: BlockHash'],
      ['trainingSet', 'model: u32, from?: u64, limit?: u32, at?: BlockHash']
    ]);
    for (const section of Object.values(json)) {
      for (const def of Object.values(section)) {
        assert.deepEqual(Object.keys(def), ['description', 'params', 'type']);
        assert.equal(def.type, 'Json');
        assert.ok(def.description.length > 0);
      }
    }
  });

  test('rpc.json is written with two-space indentation', () => {
    const text = readFileSync(new URL('../rpc.json', import.meta.url), 'utf8');
    assert.equal(text, JSON.stringify(json, null, 2) + '\n');
  });
});

describe('inference intents', () => {
  const example = {
    genesis: '0x' + '07'.repeat(32),
    consumer: '0x' + '01'.repeat(32),
    provider: '0x' + '05'.repeat(32),
    model: 3,
    requestId: 42n,
    maxUnits: 100,
    maxPrice: '1000',
    expires: 50
  };

  test('the signed bytes of the documented example are the pallet\'s and the attestor\'s', () => {
    assert.equal(
      u8aToHex(intentPayload(example)),
      '0x7472696275746172792f696e74656e742f7631' +
        '07'.repeat(32) + '01'.repeat(32) + '05'.repeat(32) +
        '03000000' + '2a00000000000000' + '64000000' +
        'e8030000000000000000000000000000' + '32000000'
    );
  });

  test('an intent that cannot be encoded is refused with the field named', () => {
    assert.throws(() => intentPayload({ ...example, maxUnits: 2 ** 32 }), /maxUnits: 4294967296 does not fit in u32/);
    assert.throws(() => intentPayload({ ...example, maxPrice: -1 }), /maxPrice: -1 does not fit in u128/);
    assert.throws(() => intentPayload({ ...example, requestId: 'x' }), /requestId: "x" is not an integer/);
    assert.throws(() => intentPayload({ ...example, genesis: '0x07' }), /genesis: "0x07" is not a 32-byte hex hash/);
    assert.throws(() => intentPayload({ ...example, provider: 'nobody' }), /provider: "nobody" is not an account/);
  });

  test('every key type signs an intent its consumer\'s account verifies', async () => {
    await cryptoWaitReady();
    for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
      const pair = new Keyring({ type }).addFromUri('//Ferdie');
      const intent = { ...example, consumer: pair.address };
      const signature = signIntent(pair, intent);
      const [scheme, hex] = Object.entries(signature)[0];
      assert.equal(scheme.toLowerCase(), type);
      assert.ok(signatureVerify(intentPayload(intent), hex, pair.address).isValid, type);
      assert.ok(!signatureVerify(intentPayload({ ...intent, maxUnits: 101 }), hex, pair.address).isValid, type);
    }
  });
});
