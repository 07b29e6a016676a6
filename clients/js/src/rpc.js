// Tributary's custom JSON-RPC methods for `ApiPromise.create({ rpc })`, read from ../rpc.json:
// the one source, which polkadot.js Apps and other clients load too and which the node's tests
// check against the methods the server has.

import { readFileSync } from 'node:fs';

export const rpc = JSON.parse(readFileSync(new URL('../rpc.json', import.meta.url), 'utf8'));
