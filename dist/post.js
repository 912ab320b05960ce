// The action's post step (action.yml `post:`): the action's bundle, finishing what its main step could not (see src/post.ts).
globalThis.cloudrunPost = true;
await import('./index.js');
