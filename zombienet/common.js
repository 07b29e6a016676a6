// Helpers shared by the js-scripts: connect to a node by name through zombienet's own polkadot.js.

async function connectTo(networkInfo, name) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[name];
  return zombie.connect(wsUri, userDefinedTypes);
}

async function finalizedNumber(api) {
  const head = await api.rpc.chain.getFinalizedHead();
  return (await api.rpc.chain.getHeader(head)).number.toNumber();
}

// Submits `tx` signed by `signer`; resolves with the events once it is finalised, rejects with
// the chain's error if it failed.
function submitFinalized(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const why = dispatchError.isModule
          ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
          : dispatchError.toString();
        reject(new Error(`extrinsic failed: ${why}`));
      } else if (status.isFinalized) {
        resolve(events);
      }
    }).catch(reject);
  });
}

module.exports = { connectTo, finalizedNumber, submitFinalized };
