// Ferdie creates an open dataset and submits a contribution through this node; the script then
// reads the contribution from another node (args[0]) at its finalised head. Returns 1 when the
// other node holds the same contribution, accepted, with the same content hash.
const { connectTo, submitFinalized } = require("./common.js");

async function run(nodeName, networkInfo, args) {
  const other = args[0];
  const here = await connectTo(networkInfo, nodeName);
  const ferdie = new zombie.Keyring({ type: "sr25519" }).addFromUri("//Ferdie");

  const created = await submitFinalized(
    here,
    here.tx.datasets.createDataset(
      "zombienet-text",
      "A dataset the zombienet test creates",
      "Text",
      "CC0-1.0",
      { mode: "Open", deposit: 1_000_000_000n, maxContentSize: 1_048_576n },
    ),
    ferdie,
  );
  const dataset = created
    .find(({ event }) => here.events.datasets.DatasetCreated.is(event)).event.data.dataset;

  const content = `contribution through ${nodeName} at ${Date.now()}`;
  const hash = zombie.util.blake2AsHex(content, 256);
  const submitted = await submitFinalized(
    here,
    here.tx.datasets.submitContribution(dataset, hash, content.length, `ipfs://zombienet/${hash}`),
    ferdie,
  );
  const id = submitted
    .find(({ event }) => here.events.datasets.ContributionSubmitted.is(event)).event.data.contribution;
  await here.disconnect();

  // The other node, at its own finalised head.
  const there = await connectTo(networkInfo, other);
  for (let attempt = 0; attempt < 60; attempt++) {
    const at = await there.at(await there.rpc.chain.getFinalizedHead());
    const c = await at.query.datasets.contributions(id);
    if (c.isSome) {
      const seen = c.unwrap();
      await there.disconnect();
      if (seen.contentHash.toHex() !== hash) throw new Error(`${other} holds another hash`);
      if (!seen.status.isAccepted) throw new Error(`contribution is ${seen.status} on ${other}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  await there.disconnect();
  return 0;
}

module.exports = { run };
