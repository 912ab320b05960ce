#!/usr/bin/env node
// cloudrun-release: the action's bundle, run as the command (see src/index.ts and scripts/build.ts).
var major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write('cloudrun-release needs Node.js 24 or later; this is Node.js ' + process.versions.node + '.\n' +
    'Install Node.js 24 (nodejs.org, nvm, or the node:24 image in CI) and run it again.\n');
  process.exitCode = 2;
} else {
  globalThis.cloudrunCommand = true;
  await import('./index.js');
}
