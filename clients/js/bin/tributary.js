#!/usr/bin/env node
// The Tributary command line for contributors and operators. Run `tributary help`.

import { parseArgs } from 'node:util';
import {
  connect, currency, currencyName, dataset, findEvent, formatAmount, formatIn, key, parseAmount, rewards,
  rotateKeysWithOwner, sameCurrency, send, submitFile, submitFolder, token, TributaryError, validatorStatus
} from '../src/index.js';

const HELP = `tributary <command> [options]

Commands:
  create-dataset --name N [--description D] [--kind text|image|audio|other] [--license L]
                 [--curated] [--deposit PLANCKS] [--max-size BYTES]
  submit         --dataset ID --file PATH [--uri URI]      hash a file (blake2-256) and submit it
                 --dataset ID --dir DIR [--uri PREFIX]    every file under DIR, one contribution each,
                                                          in as few submitContributions as allowed;
                                                          a file's URI is PREFIX + its path in DIR
  review         --contribution ID (--accept SCORE | --reject REASON)
  register-model --datasets ID:VERSION[,ID:VERSION…] --price PLANCKS [--asset ID] [--metadata TEXT] [--parent ID]
  rewards        [--account ADDRESS]                      rewards per currency (tributary_rewards)
  claim          [--account ADDRESS] [--asset ID]         claim (settling pooled rewards first)
  set-keys                                                generate session keys on the node at --url
                                                          (author_rotateKeysWithOwner, owner = the key's
                                                          account) and register them with session.setKeys
  validators                                              the governed validator set, the session's, and
                                                          when the next session starts
  propose-validator (--add ADDRESS | --remove ADDRESS)    open a referendum on the validator_admin track
                                                          and place its decision deposit
  vote           --referendum N --balance AMOUNT [--nay] [--conviction 0-6]
                                                          vote on a referendum with AMOUNT of the native
                                                          token (TRIB), e.g. 1000 or 0.5

Options for every command:
  --url URL        node WebSocket URL (default ws://127.0.0.1:9944, or $TRIBUTARY_URL)
  --key URI        a dev key such as //Alice
  --key-env VAR    read the secret URI or mnemonic from environment variable VAR
                   (default: $TRIBUTARY_SURI if set)
Exit status is non-zero, with one line saying why, on any error.`;

const options = {
  url: { type: 'string' }, key: { type: 'string' }, 'key-env': { type: 'string' },
  name: { type: 'string' }, description: { type: 'string', default: '' }, kind: { type: 'string', default: 'text' },
  license: { type: 'string', default: '' }, curated: { type: 'boolean', default: false },
  deposit: { type: 'string', default: '0' }, 'max-size': { type: 'string', default: '10485760' },
  dataset: { type: 'string' }, file: { type: 'string' }, dir: { type: 'string' }, uri: { type: 'string', default: '' },
  contribution: { type: 'string' }, accept: { type: 'string' }, reject: { type: 'string' },
  datasets: { type: 'string' }, price: { type: 'string' }, asset: { type: 'string' },
  metadata: { type: 'string', default: '' }, parent: { type: 'string' }, account: { type: 'string' },
  add: { type: 'string' }, remove: { type: 'string' }, referendum: { type: 'string' }, balance: { type: 'string' },
  nay: { type: 'boolean', default: false }, conviction: { type: 'string', default: '1' },
  help: { type: 'boolean', short: 'h' }
};

function need (values, name) {
  if (values[name] === undefined) throw new TributaryError(`missing --${name} (see tributary help)`);
  return values[name];
}

function int (values, name) {
  const v = need(values, name);
  if (!/^\d+$/.test(v)) throw new TributaryError(`--${name} must be a whole number, got ${JSON.stringify(v)}`);
  return v;
}

function say (result, what) {
  console.log(`${what} in block #${result.block} (${result.blockHash})`);
  for (const e of result.events) {
    if (e.section === 'system' || e.section === 'transactionPayment' || e.section === 'balances') continue;
    console.log(`  event ${e.section}.${e.method} ${JSON.stringify(e.named)}`);
  }
}

async function signer (api, values) {
  const fromEnv = values['key-env'] ?? (values.key ? undefined : (process.env.TRIBUTARY_SURI ? 'TRIBUTARY_SURI' : undefined));
  return key(api, { uri: values.key, fromEnv });
}

/** Smallest units of the native token, in words. */
function native (api, units) {
  return formatAmount(units, token(api));
}

const commands = {
  async 'create-dataset' (api, values) {
    const who = await signer(api, values);
    const kinds = { text: 'Text', image: 'Image', audio: 'Audio', other: 'Other' };
    const kind = kinds[values.kind];
    if (!kind) throw new TributaryError(`--kind must be one of ${Object.keys(kinds).join(', ')}`);
    const policy = { mode: values.curated ? 'Curated' : 'Open', deposit: int(values, 'deposit'), maxContentSize: int(values, 'max-size') };
    const r = await send(api, who, api.tx.datasets.createDataset(need(values, 'name'), values.description, kind, values.license, policy));
    const ev = findEvent(r, 'datasets', 'DatasetCreated');
    say(r, `Created dataset ${ev.named.dataset} owned by ${who.address}, holding a deposit of ${native(api, ev.named.deposit)}`);
  },

  async submit (api, values) {
    const who = await signer(api, values);
    const id = Number(int(values, 'dataset'));
    if ((values.file === undefined) === (values.dir === undefined)) {
      throw new TributaryError('give exactly one of --file PATH or --dir DIR');
    }
    if (values.dir !== undefined) {
      for (const r of await submitFolder(api, who, id, values.dir, values.uri)) {
        const subs = r.events.filter((e) => e.section === 'datasets' && e.method === 'ContributionSubmitted');
        const accepted = r.events.some((e) => e.section === 'datasets' && e.method === 'ContributionAccepted');
        say(r, `Submitted ${r.files.length} files of ${values.dir} to dataset ${id} as contributions ` +
          `${subs.map((e) => e.named.contribution).join(', ')}${accepted ? '; accepted at once (open dataset)' : '; pending review'}`);
      }
      return;
    }
    const r = await submitFile(api, who, id, need(values, 'file'), values.uri);
    const sub = findEvent(r, 'datasets', 'ContributionSubmitted');
    const acc = findEvent(r, 'datasets', 'ContributionAccepted');
    say(r, `Submitted ${values.file} (${r.size} bytes, blake2-256 ${r.hash}) to dataset ${id} as contribution ${sub.named.contribution}` +
      (acc ? `; accepted at once (open dataset), dataset now at version ${acc.named.version}` : '; pending review'));
  },

  async review (api, values) {
    const who = await signer(api, values);
    const id = int(values, 'contribution');
    if ((values.accept === undefined) === (values.reject === undefined)) {
      throw new TributaryError('give exactly one of --accept SCORE or --reject REASON');
    }
    if (values.accept !== undefined) {
      const r = await send(api, who, api.tx.datasets.acceptContribution(id, int(values, 'accept')));
      const ev = findEvent(r, 'datasets', 'ContributionAccepted');
      say(r, `Accepted contribution ${id} with ${ev.named.points} points; dataset ${ev.named.dataset} is at version ${ev.named.version}`);
    } else {
      const r = await send(api, who, api.tx.datasets.rejectContribution(id, int(values, 'reject')));
      const ev = findEvent(r, 'datasets', 'ContributionRejected');
      say(r, `Rejected contribution ${id}: ${native(api, ev.named.slashed)} slashed to the treasury, ${native(api, ev.named.refunded)} refunded`);
    }
  },

  async 'register-model' (api, values) {
    const who = await signer(api, values);
    const trainedOn = need(values, 'datasets').split(',').map((p) => {
      const m = /^(\d+):(\d+)$/.exec(p.trim());
      if (!m) throw new TributaryError(`--datasets takes ID:VERSION pairs, got ${JSON.stringify(p)}`);
      return [Number(m[1]), Number(m[2])];
    });
    for (const [id] of trainedOn) await dataset(api, id);
    const parent = values.parent ? int(values, 'parent') : null;
    const r = await send(api, who, api.tx.attribution.registerModel(values.metadata, trainedOn, parent, int(values, 'price'), currency(values.asset)));
    const ev = findEvent(r, 'attribution', 'ModelRegistered');
    say(r, `Registered model ${ev.named.model} trained on ${trainedOn.map(([d, v]) => `dataset ${d} v${v}`).join(', ')} at ${values.price} plancks per unit`);
  },

  async rewards (api, values) {
    const address = values.account ?? (await signer(api, values)).address;
    const all = await rewards(api, address);
    if (all.length === 0) {
      console.log(`${address} has earned nothing yet`);
      return;
    }
    const nativeToken = token(api);
    for (const r of all) {
      const amount = (units) => formatIn(r.currency, units, nativeToken);
      console.log(`${address} in ${currencyName(r.currency)}: claimable ${amount(r.claimable)} ` +
        `(owed ${amount(r.owed)}, pending in dataset pools ${amount(r.pendingPooled)}), earned ${amount(r.earned)}, claimed ${amount(r.claimed)}` +
        (r.settle.length ? `; a claim settles contributions ${r.settle.join(', ')}` : ''));
    }
  },

  async 'set-keys' (api, values) {
    const who = await signer(api, values);
    const generated = await rotateKeysWithOwner(api, who.address);
    console.log(`Generated session keys on the node, owned by ${who.address}:\n  keys  ${generated.keys}\n  proof ${generated.proof}`);
    const r = await send(api, who, api.tx.session.setKeys(generated.keys, generated.proof));
    say(r, 'Registered them with session.setKeys');
    console.log(`Next: a referendum on the validator_admin track adds ${who.address} (tributary propose-validator --add ${who.address})`);
  },

  async validators (api) {
    const v = await validatorStatus(api);
    console.log(`Session ${v.session} (sessions last ${v.sessionLength} blocks; the next starts at block #${v.nextSession}, best is #${v.best})`);
    console.log(`Validating now (${v.active.length}):\n${v.active.map((a) => `  ${a}`).join('\n')}`);
    console.log(`Queued for session ${v.session + 1} (${v.queued.length}):\n${v.queued.map((a) => `  ${a}`).join('\n')}`);
    console.log(`Governed set (${v.governed.length})${v.changePending ? ', handed to the session at the next boundary' : ''}:\n${v.governed.map((a) => `  ${a}`).join('\n')}`);
  },

  async 'propose-validator' (api, values) {
    const who = await signer(api, values);
    if ((values.add === undefined) === (values.remove === undefined)) {
      throw new TributaryError('give exactly one of --add ADDRESS or --remove ADDRESS');
    }
    const call = values.add !== undefined
      ? api.tx.validatorSet.addValidator(values.add)
      : api.tx.validatorSet.removeValidator(values.remove);
    const r = await send(api, who, api.tx.utility.batchAll([
      api.tx.referenda.submit({ Origins: 'ValidatorAdmin' }, { Inline: call.method.toHex() }, { After: 1 }),
      api.tx.referenda.placeDecisionDeposit(await api.query.referenda.referendumCount())
    ]));
    const ev = findEvent(r, 'referenda', 'Submitted');
    say(r, `Referendum ${ev.named.index} on the validator_admin track: validatorSet.${values.add !== undefined ? 'addValidator' : 'removeValidator'}(${values.add ?? values.remove}), decision deposit placed`);
  },

  async vote (api, values) {
    const who = await signer(api, values);
    const index = int(values, 'referendum');
    const balance = need(values, 'balance');
    let plancks;
    try {
      plancks = parseAmount(balance, token(api).decimals);
    } catch (e) {
      throw new TributaryError(`--balance: ${e.message}`);
    }
    const conviction = ['None', 'Locked1x', 'Locked2x', 'Locked3x', 'Locked4x', 'Locked5x', 'Locked6x'][Number(int(values, 'conviction'))];
    if (!conviction) throw new TributaryError('--conviction is 0 to 6');
    const vote = { Standard: { vote: { aye: !values.nay, conviction }, balance: plancks } };
    const r = await send(api, who, api.tx.convictionVoting.vote(index, vote));
    say(r, `Voted ${values.nay ? 'nay' : 'aye'} on referendum ${index} with ${native(api, plancks)} (${conviction})`);
  },

  async claim (api, values) {
    const who = await signer(api, values);
    const account = values.account ?? who.address;
    const wanted = currency(values.asset);
    const owed = (await rewards(api, account)).find((r) => sameCurrency(r.currency, wanted));
    if (!owed || BigInt(owed.claimable) === 0n) throw new TributaryError(`${account} has nothing to claim in ${currencyName(wanted)}`);
    const r = await send(api, who, api.tx.attribution.claim(account, wanted, owed.settle));
    const ev = findEvent(r, 'attribution', 'RewardsClaimed');
    say(r, `Claimed ${formatIn(wanted, ev.named.amount, token(api))} for ${account}`);
  }
};

async function main () {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const run = commands[command];
  if (!run) throw new TributaryError(`unknown command ${JSON.stringify(command)} (see tributary help)`);
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true }));
  } catch (e) {
    throw new TributaryError(e.message);
  }
  const api = await connect(values.url ?? process.env.TRIBUTARY_URL ?? 'ws://127.0.0.1:9944');
  try {
    await run(api, values);
  } finally {
    await api.disconnect();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`error: ${e instanceof TributaryError ? e.message : (e.stack || e)}`);
  process.exit(1);
});
