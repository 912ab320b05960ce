// The request and answer shapes every platform handler of the emulator works with.

export interface EmulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface EmulatorReply {
  readonly status: number;
  readonly json?: unknown;
  /** A raw body instead of json, for malformed answers. */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ok = (json: unknown): EmulatorReply => ({ status: 200, json });
