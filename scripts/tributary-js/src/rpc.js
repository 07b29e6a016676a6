// Definitions of Tributary's custom JSON-RPC methods for `ApiPromise.create({ rpc })`.
// The same object is in ../rpc.json for polkadot.js Apps (Settings → Developer).

const at = { name: 'at', type: 'BlockHash', isOptional: true };

export const rpc = {
  author: {
    rotateKeysWithOwner: {
      description: "Generates session keys in the node's keystore and a proof that `owner` holds them (for session.setKeys). Unsafe: call your own node.",
      params: [{ name: 'owner', type: 'Bytes' }],
      type: 'Json'
    }
  },
  tributary: {
    pendingRewards: {
      description: "An account's rewards per currency: claimable, owed, pending in dataset pools, earned, claimed, and the contributions a claim should settle.",
      params: [{ name: 'account', type: 'Text' }, at],
      type: 'Json'
    },
    receipt: {
      description: 'An attribution receipt by id.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json'
    },
    contributionEarnings: {
      description: "A contribution's earnings per currency (earned and pending).",
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json'
    },
    modelUsage: {
      description: "A model's price, currency, datasets and usage.",
      params: [{ name: 'id', type: 'u32' }, at],
      type: 'Json'
    }
  }
};
