// The two parts of undici a direct request uses, imported by their own paths (undici has no
// exports map) so a run without a proxy does not load its fetch, WebSocket, cache and mock
// modules: about half of undici's start-up cost. Their types are undici's own.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  /** Dispatcher.prototype.request, which undici's index attaches to every dispatcher. */
  export default function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}
