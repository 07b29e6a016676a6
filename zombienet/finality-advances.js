// Waits until this node's finalised head advances by args[0] blocks (while a validator is
// stopped) and returns by how much it advanced; zombienet's timeout bounds the wait.
const { connectTo, finalizedNumber } = require("./common.js");

async function run(nodeName, networkInfo, args) {
  const want = Number(args[0] || 3);
  const api = await connectTo(networkInfo, nodeName);
  const from = await finalizedNumber(api);
  let now = from;
  while (now - from < want) {
    await new Promise((r) => setTimeout(r, 2000));
    now = await finalizedNumber(api);
  }
  await api.disconnect();
  return now - from;
}

module.exports = { run };
