// Returns the size of the validator set the chain governs (validatorSet.validators), which must
// be the four nodes zombienet put in the genesis session keys, and checks the session agrees.
const { connectTo } = require("./common.js");

async function run(nodeName, networkInfo) {
  const api = await connectTo(networkInfo, nodeName);
  const governed = (await api.query.validatorSet.validators()).map((a) => a.toString()).sort();
  const session = (await api.query.session.validators()).map((a) => a.toString()).sort();
  await api.disconnect();
  if (JSON.stringify(governed) !== JSON.stringify(session)) {
    throw new Error(`validator set ${governed} differs from the session's ${session}`);
  }
  return governed.length;
}

module.exports = { run };
