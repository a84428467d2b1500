// Refuse to run on a Node older than the one the project pins (see docs/decisions/0001-node-runtime.md).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `PosOps needs Node 24 (found ${process.version} at ${process.execPath}). ` +
      'Run it through npm scripts (npm start, npm test), which put the pinned Node 24 from node_modules first on PATH; ' +
      'if that did not happen, run npm install again.',
  );
  process.exit(1);
}
