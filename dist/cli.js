#!/usr/bin/env node
// cloudrun-release: the action's bundle, run as the command (see src/index.ts).
globalThis.cloudrunCommand = true;
await import('./index.js');
