// Preloaded (node --import) into the action's process by the test harness and the demo: waits
// return at once while the action's clock moves on (src/clock.ts). The shipped bundle reads no
// environment variable for this, so no workflow can turn it on.
globalThis.cloudrunTestTimeScale = Number(process.env.RELEASE_TEST_TIME_SCALE ?? '0');
