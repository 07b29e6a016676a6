// The CLI runner and the RPC-vs-runtime-API comparison of the end-to-end tests; starting the node
// lives in ../src/node.js (shared with the chain benchmark).

import { execFile } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = join(here, '..', 'bin', 'tributary.js');

/** Runs the CLI; resolves `{ code, stdout, stderr }`. */
export function cli (args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
}

/**
 * The differences between a `tributary_*` JSON answer and the runtime API's decoded answer
 * (`api.call.attributionApi.*`), field for field, under the RPC's rules: wide integers as decimal
 * strings, u32s as numbers, accounts as SS58, hashes and bytes as 0x-hex, enums as `"Variant"` or
 * `{ "Variant": value }`, `None` as null, and a nested struct the JSON has no field for flattened
 * into its parent (serde's `flatten`, as in the receipt and model views). Empty when they agree.
 */
export function disagreements (json, codec, path = '$') {
  const out = [];
  const differ = (why) => out.push(`${path}: ${why}`);
  if (codec === undefined || codec === null) {
    differ(`the RPC has ${JSON.stringify(json)}, the runtime API nothing`);
  } else if (typeof codec.unwrap === 'function' && typeof codec.isNone === 'boolean') {
    // Option
    if (json === null || codec.isNone) {
      if (!(json === null && codec.isNone)) differ(`the RPC has ${JSON.stringify(json)}, the runtime API ${codec.toString() || 'None'}`);
    } else {
      out.push(...disagreements(json, codec.unwrap(), path));
    }
  } else if (Array.isArray(json)) {
    // Vec or tuple (both arrays in polkadot.js)
    const items = Array.isArray(codec) ? [...codec] : null;
    if (!items) differ(`the RPC has an array, the runtime API a ${codec.toRawType()}`);
    else if (items.length !== json.length) differ(`the RPC has ${json.length} items, the runtime API ${items.length}`);
    else json.forEach((j, i) => out.push(...disagreements(j, items[i], `${path}[${i}]`)));
  } else if (typeof codec.isBasic === 'boolean') {
    // enum: `"Variant"` or `{ "Variant": value }`
    const [variant, ...more] = typeof json === 'string' ? [json] : Object.keys(json ?? {});
    if (more.length || variant !== codec.type) differ(`the RPC has ${JSON.stringify(json)}, the runtime API ${codec.type}`);
    else if (typeof json !== 'string') out.push(...disagreements(json[variant], codec.value, `${path}.${variant}`));
    else if (!codec.value.isEmpty && codec.value.toRawType() !== 'Null') differ(`the RPC has no value for ${variant}, the runtime API ${codec.value}`);
  } else if (isStruct(codec)) {
    if (json === null || typeof json !== 'object') {
      differ(`the RPC has ${JSON.stringify(json)}, the runtime API a struct`);
    } else {
      const fields = structFields(codec, json);
      for (const k of new Set([...Object.keys(json), ...fields.keys()])) {
        if (!(k in json)) differ(`the RPC has no field ${k}`);
        else if (!fields.has(k)) differ(`the runtime API has no field ${k}`);
        else out.push(...disagreements(json[k], fields.get(k), `${path}.${k}`));
      }
    }
  } else if (typeof json === 'number') {
    // integers of at most 32 bits are numbers
    if (!isInt(codec) || codec.encodedLength > 4 || codec.toNumber() !== json) {
      differ(`the RPC has the number ${json}, the runtime API ${codec.toRawType()} ${codec.toString()}`);
    }
  } else if (typeof json === 'string') {
    // a wider integer's decimal string, an SS58 address (in the chain's format), or 0x-hex
    if (isInt(codec) && codec.encodedLength <= 4) differ(`the RPC has the string ${JSON.stringify(json)} for a ${codec.toRawType()}, not a number`);
    else if (codec.toString() !== json) differ(`the RPC has ${JSON.stringify(json)}, the runtime API ${codec.toRawType()} ${codec.toString()}`);
  } else if (typeof json === 'boolean') {
    if (codec.isTrue !== json) differ(`the RPC has ${json}, the runtime API ${codec.toString()}`);
  } else {
    differ(`the RPC has ${JSON.stringify(json)}, the runtime API ${codec.toRawType()} ${codec.toString()}`);
  }
  return out;
}

function isInt (codec) {
  return typeof codec.toBn === 'function' && typeof codec.toNumber === 'function';
}

function isStruct (codec) {
  return codec instanceof Map && Array.isArray(codec.defKeys);
}

/** A struct's fields, with the fields of each nested struct `json` has no field for in its place. */
function structFields (codec, json) {
  const fields = new Map();
  for (const [k, v] of codec.entries()) {
    if (!(k in json) && isStruct(v)) for (const [inner, value] of structFields(v, json)) fields.set(inner, value);
    else fields.set(k, v);
  }
  return fields;
}
