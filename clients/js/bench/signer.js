// A worker thread of the chain benchmark: signs sr25519 messages, so that pre-signing thousands of
// extrinsics uses every core (sr25519 in wasm takes a few milliseconds a signature).

import { parentPort } from 'node:worker_threads';
import { cryptoWaitReady, sr25519Sign } from '@polkadot/util-crypto';

await cryptoWaitReady();
parentPort.on('message', ({ id, jobs }) => {
  // jobs: [{ publicKey, secretKey, message }] → 64-byte signatures, in order
  const signatures = jobs.map((j) => sr25519Sign(j.message, { publicKey: j.publicKey, secretKey: j.secretKey }));
  parentPort.postMessage({ id, signatures });
});
parentPort.postMessage({ ready: true });
