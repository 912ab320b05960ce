export const id = 227;
export const ids = [227];
export const modules = {

/***/ 1532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ mapWithConcurrency)
/* harmony export */ });
/**
 * Runs fn over items with at most `limit` running at once, and returns the results in input order.
 * fn should not throw: an operation that must report each item's outcome returns it instead.
 */
async function mapWithConcurrency(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 1012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ troubleshootingLink)
/* harmony export */ });
/**
 * A link to the README's troubleshooting row for a code. The runner names the repository the
 * action was taken from (GITHUB_ACTION_REPOSITORY), so forks and mirrors link to their own docs.
 */
function troubleshootingLink(anchor) {
    const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = process.env.GITHUB_ACTION_REPOSITORY || 'your-org/cloudrun-release';
    return `${server}/${repository}#${anchor}`;
}


/***/ }),

/***/ 5601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ matchesAny),
/* harmony export */   t: () => (/* binding */ globToRegExp)
/* harmony export */ });
/**
 * A glob as users write it for names: `*` any run of characters, `?` one character, everything
 * else literal. Matches the whole name.
 */
function globToRegExp(glob) {
    const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'))).join('');
    return new RegExp(`^${source}$`, 's');
}
/** True when any of the globs matches the name. */
function matchesAny(globs, name) {
    return globs.some((re) => re.test(name));
}


/***/ }),

/***/ 7777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   j$: () => (/* binding */ HttpError)
/* harmony export */ });
/* unused harmony exports withoutQueries, describeRequest */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5625);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7194);




/**
 * A transport failure. Its message names the method, origin and path only: query strings may
 * carry tokens (WeChat's access_token), so they never appear in it.
 */
class HttpError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ {
    failure;
    status;
    constructor(req, failure, detail, status) {
        // The detail may quote the server or undici, either of which may echo the URL with its token.
        super(`${req.label}: ${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(withoutQueries(detail))} (${req.method} ${req.url.origin}${req.url.pathname})`, HINTS[failure]?.(req));
        this.name = 'HttpError';
        this.failure = failure;
        this.status = status;
    }
    /** False only when the request provably never reached the server, so any call may be retried. */
    get mayHaveReachedServer() {
        return this.failure !== 'connect' && this.failure !== 'tls';
    }
    get isTransient() {
        if (this.failure === 'status')
            return this.status >= 500 || this.status === 429;
        return this.failure === 'connect' || this.failure === 'timeout' || this.failure === 'reset';
    }
}
const reach = (req) => `check that the runner can reach ${req.url.host}; a self-hosted runner behind a proxy needs HTTPS_PROXY (and NO_PROXY for internal hosts)`;
const HINTS = {
    connect: reach,
    tls: (req) => `the certificate of ${req.url.host} is not trusted; behind a TLS-inspecting proxy, give its CA certificate file in NODE_EXTRA_CA_CERTS`,
    reset: reach,
    timeout: (req) => `nothing arrived within request_timeout; links from runners outside mainland China can be slow: raise request_timeout or use a runner closer to ${req.url.host}. The call's outcome is unknown`,
};
/** Answers larger than this are cut off: a hostile or broken server must not exhaust memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_FAILURES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
]);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
let dispatcher;
/** One keep-alive pool for the whole run; honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
function sharedDispatcher() {
    dispatcher ??= new undici__WEBPACK_IMPORTED_MODULE_0__.EnvHttpProxyAgent({ connect: { timeout: 10_000 }, keepAliveTimeout: 10_000 });
    return dispatcher;
}
async function httpRequest(req) {
    _log_js__WEBPACK_IMPORTED_MODULE_2__/* .debug */ .Yz(`${req.label}: ${describeRequest(req)}`);
    let res;
    try {
        res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(req.url, {
            method: req.method,
            headers: req.headers,
            body: req.body,
            dispatcher: sharedDispatcher(),
            headersTimeout: req.timeoutMs,
            bodyTimeout: req.timeoutMs,
            // undici closes the connection after a GET that carries a body, unless told not to; the AI
            // platform's list call is documented that way, and a new connection per page costs a round trip.
            reset: req.method === 'GET' && req.body !== undefined ? false : undefined,
        });
    }
    catch (err) {
        throw transportError(req, err);
    }
    if (res.statusCode >= 300 && res.statusCode < 400) {
        await res.body.dump();
        throw new HttpError(req, 'redirect', `unexpected redirect (HTTP ${res.statusCode}); redirects are not followed`, res.statusCode);
    }
    const chunks = [];
    try {
        let size = 0;
        for await (const chunk of res.body) {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                res.body.destroy();
                throw new HttpError(req, 'too-large', `answer larger than ${MAX_BODY_BYTES} bytes`);
            }
            chunks.push(chunk);
        }
    }
    catch (err) {
        throw err instanceof HttpError ? err : transportError(req, err);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    _log_js__WEBPACK_IMPORTED_MODULE_2__/* .debug */ .Yz(`${req.label}: HTTP ${res.statusCode}, ${body.length} characters`);
    if (res.statusCode >= 400) {
        throw new HttpError(req, 'status', `HTTP ${res.statusCode}${body ? `: ${body.slice(0, 200)}` : ''}`, res.statusCode);
    }
    return { status: res.statusCode, body };
}
function transportError(req, err) {
    const code = err.code ?? '';
    const cause = err.cause?.code ?? '';
    if (CONNECT_FAILURES.has(code) || CONNECT_FAILURES.has(cause)) {
        return new HttpError(req, 'connect', `cannot connect (${code || cause})`);
    }
    if (TLS_FAILURES.has(code) || code.startsWith('ERR_TLS_')) {
        return new HttpError(req, 'tls', `TLS handshake refused (${code})`);
    }
    if (TIMEOUTS.has(code)) {
        return new HttpError(req, 'timeout', `timed out: no answer within ${req.timeoutMs / 1000}s`);
    }
    return new HttpError(req, 'reset', `connection failed (${code || err.message || 'unknown'})`);
}
/** Every URL in the text cut before its query string or fragment, and any access_token value hidden. */
function withoutQueries(text) {
    return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#][^\s)'"]*/gi, '$1').replace(/(access_token=)[^&\s)'"]+/gi, '$1***');
}
// Query parameters whose values are credentials whatever the API (WeChat's access_token).
const SECRET_PARAM = /token|secret|password|key|signature|ticket/i;
/**
 * The shape of a request for debug logs: method, path, query and header names, the body's keys.
 * Values that may be credentials are never shown; the caller's redact() catches the rest.
 */
function describeRequest(req) {
    const shown = new URLSearchParams();
    for (const [name, value] of req.url.searchParams)
        shown.append(name, SECRET_PARAM.test(name) ? '***' : value);
    const query = shown.toString();
    const path = `${req.url.origin}${req.url.pathname}${query ? `?${query.slice(0, 300)}` : ''}`;
    const headers = Object.keys(req.headers ?? {}).join(', ') || '(none)';
    return `${req.method} ${path} headers [${headers}] ${describeBody(req.body)}, timeout ${req.timeoutMs / 1000}s`;
}
function describeBody(body) {
    if (!body)
        return 'no body';
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return `body keys [${Object.keys(parsed).join(', ')}]`;
    }
    catch {
        // described by its size below
    }
    return `body of ${body.length} characters`;
}


/***/ }),

/***/ 8902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cz: () => (/* binding */ retryWithin),
/* harmony export */   LH: () => (/* binding */ withRetries)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY, backoffDelay */
const DEFAULT_RETRY = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, budgetMs: 120_000 };
/** The default policy, bounded by the user's retry_budget. */
function retryWithin(budgetMs) {
    return { ...DEFAULT_RETRY, budgetMs };
}
/** Exponential backoff with jitter: half the step is fixed, half random, so retries spread out. */
function backoffDelay(policy, retry, random = Math.random) {
    const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
    return Math.round(step / 2 + (random() * step) / 2);
}
/**
 * Runs fn until it succeeds, the error is not retryable, or the attempts or the time budget run out.
 * fn learns its attempt number (0-based), so a caller can tell a retried write from the first.
 */
async function withRetries(fn, isRetryable, policy, onRetry = () => { }) {
    const started = Date.now();
    for (let attempt = 0;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (attempt + 1 >= policy.attempts || !isRetryable(err))
                throw err;
            const delayMs = backoffDelay(policy, attempt);
            if (Date.now() - started + delayMs > policy.budgetMs)
                throw err;
            onRetry(err, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}


/***/ }),

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony export neutralise */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7490);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7194);


// Every line the action logs goes through here. Secrets are removed (the runner masks registered
// ones too, but only in what it shows), and text that came from the inputs or a platform answer
// cannot issue a workflow command: the runner reads one from any stdout line that starts with "::"
// after leading whitespace. runner.warning and runner.debug are commands themselves, whose data
// is escaped; only runner.info writes lines as they are.
function info(text) {
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(neutralise((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(text)));
}
function warning(text) {
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(text));
}
function debug(text) {
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(text));
}
/** Each line that the runner would read as a command gets a prefix, so it is shown as text. */
function neutralise(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map((line) => (/^\s*::/.test(line) ? `| ${line}` : line))
        .join('\n');
}


/***/ }),

/***/ 1227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cleanContainers: () => (/* binding */ cleanContainers)
});

// EXTERNAL MODULE: ./src/runner.ts + 5 modules
var runner = __webpack_require__(7490);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/retry.ts
var http_retry = __webpack_require__(8902);
// EXTERNAL MODULE: ./src/inputs/api-url.ts
var api_url = __webpack_require__(8801);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/docs.ts
var docs = __webpack_require__(1012);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
;// CONCATENATED MODULE: ./src/ai/codes.ts
// The answer codes the AI platform documents (seed 002), with what to do about each. `code` is a
// string in every answer; "0" is success.
const AI_CODES = {
    '10001': { meaning: 'internal error', hint: 'a platform-side error; re-run the job later', transient: true },
    '10003': {
        meaning: 'missing parameters',
        hint: 'a required parameter did not arrive; a proxy between the runner and the platform may drop request bodies or query strings',
    },
    '10004': { meaning: 'invalid parameters', hint: 'check the container IDs and the filter inputs' },
    '10007': {
        meaning: 'user frozen',
        hint: 'the account is frozen: ask the platform administrator (or check the account balance) before re-running',
        stop: true,
    },
    '10008': {
        meaning: 'insufficient permission',
        hint: 'the user may not delete these containers: use a token of the user who owns them, or ask an administrator for the permission',
        stop: true,
    },
    '10009': {
        meaning: 'no permission for this API',
        hint: 'the token may not call container APIs: use a cluster\'s token (not the platform-only cluster 0 "ac"), and check that it has not expired',
        stop: true,
    },
    '10010': { meaning: 'file check failed', hint: 'see the platform documentation for this code' },
    '10011': { meaning: 'file too large', hint: 'see the platform documentation for this code' },
    '10012': { meaning: 'connection interrupted', hint: 'a platform-side connection failed; re-run the job later', transient: true },
    '716866': {
        meaning: 'delete task failed',
        hint: 'the platform could not delete the container: check its state in the console, then re-run',
    },
    '716020': { meaning: 'database query error', hint: 'a platform-side error; re-run the job later', transient: true },
};
function describeCode(code) {
    return AI_CODES[code] ?? { meaning: 'undocumented code', hint: 'see the AI platform documentation for this code' };
}
// The platform documents no answer for deleting a container that does not exist. The assumption,
// made here only and followed by the emulator: an error code whose msg says the container does not
// exist ("not exist", "not found", "不存在"), whatever the code.
const NOT_FOUND = /not\s*(?:found|exists?)|does\s*not\s*exist|no\s*such|不存在/i;
function saysNotFound(msg) {
    return NOT_FOUND.test(msg);
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
;// CONCATENATED MODULE: ./src/ai/client.ts






class AiApiError extends errors/* ActionError */.lZ {
    api;
    code;
    msg;
    constructor(api, code, msg) {
        const info = describeCode(code);
        super(`${api} failed: code ${code} (${info.meaning}): ${msg}`, `${info.hint} (${(0,docs/* troubleshootingLink */.r)(`ai-${code}`)})`);
        this.name = 'AiApiError';
        this.api = api;
        this.code = code;
        this.msg = msg;
    }
    get transient() {
        return describeCode(this.code).transient === true;
    }
    get notFound() {
        return saysNotFound(this.msg);
    }
}
/** The platform answered, but not with a {code, msg, data} object. */
class UnreadableAnswerError extends errors/* ActionError */.lZ {
    constructor(api, body) {
        super(`${api} answered with something that is not a {code, msg, data} object: ${JSON.stringify(body.slice(0, 120))}`, 'a proxy or gateway may be answering instead of the platform; check the API URLs and the runner network');
        this.name = 'UnreadableAnswerError';
    }
}
/** Worth repeating: the platform or the network had a hiccup, not a verdict on the request. */
function isTransientFailure(err) {
    if (err instanceof request/* HttpError */.j$)
        return err.isTransient;
    if (err instanceof AiApiError)
        return err.transient;
    return err instanceof UnreadableAnswerError;
}
/** The failure may have come after the platform acted on the request. */
function mayHaveTakenEffect(err) {
    if (err instanceof request/* HttpError */.j$)
        return err.mayHaveReachedServer;
    return err instanceof UnreadableAnswerError || (err instanceof AiApiError && err.transient);
}
/** One call, checked: answers with code "0" or throws AiApiError. Transient failures are retried when `retry` is set. */
async function aiCall(options, api, req, retry) {
    const once = async () => {
        const res = await (0,request/* httpRequest */.aj)({ ...req, label: `AI platform ${api}`, timeoutMs: options.timeoutMs });
        const answer = parseAnswer(api, res.body);
        if (answer.code !== '0')
            throw new AiApiError(api, answer.code, answer.msg);
        return answer;
    };
    if (!retry)
        return once();
    return (0,http_retry/* withRetries */.LH)(once, isTransientFailure, options.retry, (err, delayMs) => log/* warning */.$e(`${api}: ${err.message}; retrying in ${(delayMs / 1000).toFixed(1)}s`));
}
function parseAnswer(api, body) {
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
            const { code, msg, data } = parsed;
            // Documented as a string; a number is read the same way rather than failing on it.
            if (typeof code === 'string' || typeof code === 'number')
                return { code: String(code).slice(0, 40), msg: typeof msg === 'string' ? msg.slice(0, 500) : '', data };
        }
    }
    catch {
        // reported below
    }
    throw new UnreadableAnswerError(api, body);
}
const TASK_PATH = '/ai/openapi/v2/instance-service/task';
/** The container APIs of one cluster's AI host, with its token in the `token` header. */
class AiClient {
    #options;
    #aiUrl;
    #token;
    constructor(options, aiUrl, token) {
        this.#options = options;
        this.#aiUrl = aiUrl;
        this.#token = token;
    }
    /** The delete URL without its query string: batches are cut to keep the whole URL short. */
    get deleteUrl() {
        return `${this.#aiUrl}${TASK_PATH}`;
    }
    /**
     * One page of the container list, as the `data` of the answer. The documented form is sent: a
     * GET with a JSON body (start, limit, sort are required). The query-parameter form (`/task/list`)
     * is seen only in unofficial clients, so it is not relied on.
     */
    async listPage(start, limit) {
        const answer = await aiCall(this.#options, 'list containers', {
            method: 'GET',
            url: new URL(this.deleteUrl),
            headers: { token: this.#token, 'content-type': 'application/json' },
            body: JSON.stringify({ start, limit, sort: 'desc' }),
        }, true);
        return answer.data;
    }
    /** One DELETE of these IDs, not retried: the caller decides, since it must track what may have happened. */
    async deleteOnce(ids) {
        const url = new URL(this.deleteUrl);
        for (const id of ids)
            url.searchParams.append('ids', id);
        await aiCall(this.#options, 'delete containers', { method: 'DELETE', url, headers: { token: this.#token } }, false);
    }
}

;// CONCATENATED MODULE: ./src/ai/jwt.ts
/**
 * When a platform token expires, read from its JWT payload locally (the `expireTime` field, epoch
 * milliseconds, a string in the documented examples). Undefined when the token is not a JWT or has
 * no such field: the lifetime is not documented, so nothing is assumed.
 */
function tokenExpiry(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const value = claims?.expireTime;
        const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
        return Number.isFinite(ms) ? new Date(ms) : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/ai/tokens.ts



/** POST {ac}/ac/openapi/v2/tokens with the user's password: one token per cluster. */
async function fetchPasswordTokens(options, acUrl, credentials) {
    const answer = await aiCall(options, 'get tokens', {
        method: 'POST',
        url: new URL(`${acUrl}/ac/openapi/v2/tokens`),
        headers: { user: credentials.user, password: credentials.password, orgId: credentials.orgId },
    }, true);
    return readTokens(answer.data);
}
/** POST {scnet}/api/user/v3/tokens signed with the secret key, which itself is never sent. */
async function fetchAccessKeyTokens(options, scnetUrl, credentials) {
    const answer = await aiCall(options, 'get tokens (access key)', {
        method: 'POST',
        url: new URL(`${scnetUrl}/api/user/v3/tokens`),
        // Signed once: the retries of this call span seconds, not the minutes a replay window allows.
        headers: accessKeyHeaders(credentials, Math.floor(Date.now() / 1000)),
    }, true);
    return readTokens(answer.data);
}
/**
 * The AK/SK headers. The signature is hex HMAC-SHA256(secretKey) of the compact JSON
 * {"accessKey","timestamp","user"} in that order; the docs do not say whether timestamp is a
 * string or a number inside it: it is signed as the string sent in the header.
 */
function accessKeyHeaders(credentials, timestamp) {
    const signed = JSON.stringify({ accessKey: credentials.accessKey, timestamp: String(timestamp), user: credentials.user });
    return {
        user: credentials.user,
        accessKey: credentials.accessKey,
        timestamp: String(timestamp),
        signature: (0,external_node_crypto_.createHmac)('sha256', credentials.secretKey).update(signed).digest('hex'),
    };
}
function readTokens(data) {
    if (!Array.isArray(data))
        throw new errors/* ActionError */.lZ('the token answer has no list of cluster tokens in data', 'check ac_api_url / scnet_api_url');
    return data.flatMap((entry) => {
        const { clusterId, clusterName, token } = (entry ?? {});
        if (typeof token !== 'string' || !token)
            return [];
        return [
            {
                clusterId: typeof clusterId === 'string' || typeof clusterId === 'number' ? String(clusterId) : '',
                clusterName: typeof clusterName === 'string' ? clusterName : '',
                token,
            },
        ];
    });
}
/** The cluster asked for, or the only one that can call container APIs (cluster 0 "ac" cannot). */
function pickCluster(tokens, clusterId) {
    const usable = tokens.filter((t) => t.clusterId !== '0');
    const choices = usable.map((t) => `${t.clusterId} (${t.clusterName || 'unnamed'})`).join(', ') || 'none';
    if (clusterId) {
        const chosen = tokens.find((t) => t.clusterId === clusterId);
        if (!chosen)
            throw new errors/* ActionError */.lZ(`no token for cluster ${clusterId}; the user has tokens for: ${choices}`, 'set ai_cluster_id to one of these');
        return chosen;
    }
    if (usable.length === 1)
        return usable[0];
    if (usable.length === 0)
        throw new errors/* ActionError */.lZ('the token answer lists no cluster that can call container APIs', 'check that the user has access to a compute cluster');
    throw new errors/* ActionError */.lZ(`the user has tokens for several clusters: ${choices}`, 'set ai_cluster_id to the cluster whose containers to clean');
}
/** GET {ac}/ac/openapi/v2/center: the AI host of the token's cluster. */
async function discoverAiUrl(options, acUrl, token) {
    const answer = await aiCall(options, 'center', {
        method: 'GET',
        url: new URL(`${acUrl}/ac/openapi/v2/center`),
        headers: { token },
    }, true);
    return pickAiUrl(answer.data);
}
/** The enabled entry of data.aiUrls, normalised to the host (a documented example ends in /ai). */
function pickAiUrl(data) {
    const urls = data?.aiUrls;
    // enable is documented as the string "true"; a boolean true is read the same way.
    const entries = (Array.isArray(urls) ? urls : []);
    const entry = entries.find((u) => (u?.enable === 'true' || u?.enable === true) && typeof u.url === 'string');
    if (!entry)
        throw new errors/* ActionError */.lZ('the center answer has no enabled AI URL (data.aiUrls)', 'give ai_api_url explicitly');
    return normaliseAiUrl(entry.url);
}
function normaliseAiUrl(url) {
    return url.replace(/\/+$/, '').replace(/\/ai$/, '');
}

;// CONCATENATED MODULE: ./src/ai/connect.ts









/** A client for the cluster's container APIs: a token (obtained first when needed), and the AI host (discovered when not given). */
async function connectAi(target, network) {
    const options = { timeoutMs: network.requestTimeoutMs, retry: (0,http_retry/* retryWithin */.Cz)(network.retryBudgetMs) };
    const token = await obtainToken(target, options);
    const aiUrl = target.aiUrl
        ? normaliseAiUrl(target.aiUrl)
        : await runner/* group */.Os('Discover the AI host', async () => {
            const url = usableAiUrl(await discoverAiUrl(options, target.acUrl, token), network.allowInsecureHttp);
            log/* info */.pq(`AI host: ${url}`);
            return url;
        });
    return new AiClient(options, aiUrl, token);
}
async function obtainToken(target, options) {
    const credentials = target.credentials;
    if (credentials.kind === 'token') {
        const expiry = tokenExpiry(credentials.token);
        if (expiry && expiry.getTime() < Date.now()) {
            log/* warning */.$e(`ai_token expired at ${expiry.toISOString()}; the platform will probably reject it. Obtain a new one, or give ai_user credentials so the action obtains one.`);
        }
        return credentials.token;
    }
    return runner/* group */.Os('Obtain a platform token', async () => {
        const tokens = credentials.kind === 'password'
            ? await fetchPasswordTokens(options, target.acUrl, credentials)
            : await fetchAccessKeyTokens(options, target.scnetUrl, credentials);
        for (const t of tokens)
            (0,secrets/* addSecret */.C)(t.token);
        const chosen = pickCluster(tokens, target.clusterId);
        log/* info */.pq(`Using the token of cluster ${chosen.clusterId} (${chosen.clusterName || 'unnamed'}).`);
        return chosen.token;
    });
}
/** The platform's answer is held to the rules of the URL inputs: a plain http:// host would get the token in clear text. */
function usableAiUrl(discovered, allowInsecureHttp) {
    try {
        return (0,api_url/* parseApiUrl */.nV)(discovered, allowInsecureHttp);
    }
    catch (err) {
        throw new errors/* ActionError */.lZ(`the center API names an AI host that cannot be used: ${err.message}`, 'give ai_api_url explicitly');
    }
}

;// CONCATENATED MODULE: ./src/ai/batches.ts
/** Whole delete URLs stay under this many characters: well below the 8 KB many gateways allow. */
const MAX_URL_LENGTH = 6000;
/**
 * Cuts the IDs into batches of at most batchSize, each also short enough that
 * `baseUrl?ids=a&ids=b…` stays within MAX_URL_LENGTH. IDs are URL-safe, so each adds `ids=<id>&`.
 */
function makeBatches(ids, batchSize, baseUrl) {
    const batches = [];
    let batch = [];
    let length = baseUrl.length;
    for (const id of ids) {
        const added = 'ids='.length + encodeURIComponent(id).length + 1;
        if (batch.length && (batch.length >= batchSize || length + added > MAX_URL_LENGTH)) {
            batches.push(batch);
            batch = [];
            length = baseUrl.length;
        }
        batch.push(id);
        length += added;
    }
    if (batch.length)
        batches.push(batch);
    return batches;
}

// EXTERNAL MODULE: ./src/glob.ts
var glob = __webpack_require__(5601);
;// CONCATENATED MODULE: ./src/ai/containers.ts


/** The list answer is not what this action understands: nothing is deleted. */
class ListShapeError extends errors/* ActionError */.lZ {
    constructor(detail) {
        super(`the container list answer is not understood (${detail}); nothing was deleted`, 'the platform may have changed its list API: use container_ids instead, and report the answer shape to the action maintainers');
        this.name = 'ListShapeError';
    }
}
// Same rule as the container_ids input: anything else could break a URL, log line or table.
const CONTAINER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * The one place that reads the list answer's `data`, whose envelope the platform does not document.
 * Accepted: an object with `records` (as the sibling list APIs answer) or `list`, each an array,
 * with an optional numeric `total`; or `data` itself as an array. Each record needs an `id`; the
 * fields read are instanceServiceName, status, taskType and createTime. Anything else throws.
 */
function readListPage(data) {
    let rows;
    let total;
    if (Array.isArray(data)) {
        rows = data;
    }
    else if (typeof data === 'object' && data !== null) {
        const d = data;
        rows = Array.isArray(d.records) ? d.records : Array.isArray(d.list) ? d.list : undefined;
        if (d.total !== undefined && d.total !== null) {
            total = Number(d.total);
            if (!Number.isInteger(total) || total < 0)
                throw new ListShapeError(`data.total is ${JSON.stringify(d.total)}`);
        }
    }
    if (!Array.isArray(rows))
        throw new ListShapeError(`data is ${describe(data)}; expected data.records, data.list or an array`);
    return { records: rows.map(readRecord), total };
}
function readRecord(row, index) {
    if (typeof row !== 'object' || row === null)
        throw new ListShapeError(`record ${index} is ${describe(row)}`);
    const r = row;
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
    if (!CONTAINER_ID.test(id))
        throw new ListShapeError(`record ${index} has no usable id`);
    const text = (v) => (typeof v === 'string' ? v : '');
    return { id, name: text(r.instanceServiceName), status: text(r.status), taskType: text(r.taskType), createdAt: parseTime(r.createTime) };
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object')
        return `an object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`;
    return typeof value;
}
/**
 * createTime in the forms seen on this platform family: epoch seconds or milliseconds (number or
 * digits), "2023-06-07 10:12:13" (China time, as the platform writes times), or ISO 8601.
 */
function parseTime(value) {
    if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
        const n = Number(value);
        return n < 1e11 ? n * 1000 : n;
    }
    if (typeof value !== 'string')
        return undefined;
    const local = value.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/);
    const ms = local ? Date.parse(`${local[1]}T${local[2]}${local[3] ?? ''}+08:00`) : Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
}
/** The listed containers the filter selects. Statuses compare case-insensitively. */
function selectContainers(containers, filter, now) {
    const statuses = new Set(filter.statuses.map((s) => s.toLowerCase()));
    const names = filter.namePatterns.map(glob/* globToRegExp */.t);
    let unknownAge = 0;
    const selected = containers.filter((c) => {
        if (!statuses.has(c.status.toLowerCase()))
            return false;
        if (names.length && !(0,glob/* matchesAny */._)(names, c.name))
            return false;
        if (filter.taskTypes.length && !filter.taskTypes.includes(c.taskType.toLowerCase()))
            return false;
        if (filter.olderThanMs === undefined)
            return true;
        if (c.createdAt === undefined) {
            unknownAge++;
            return false;
        }
        return now - c.createdAt > filter.olderThanMs;
    });
    return { selected, unknownAge };
}

// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
;// CONCATENATED MODULE: ./src/ai/deleter.ts





/**
 * Deletes the batches, `concurrency` requests at a time. A batch that fails for a reason tied to
 * its IDs is split in halves until each failing ID stands alone, so every deletable container is
 * deleted. Transient failures are retried; an ID the platform no longer knows after a request that
 * may have deleted it counts as deleted. An account or token error stops every further request.
 */
async function deleteInBatches(target, batches, options) {
    const deleted = [];
    const failed = [];
    let stoppedBy;
    let requests = 0;
    const progress = () => options.onProgress?.(deleted.length, failed.length);
    const attempt = async (ids, uncertain) => {
        if (stoppedBy) {
            const info = describeStop(stoppedBy);
            failed.push(...ids.map((id) => ({ id, code: 'not-attempted', msg: `not attempted: the run stopped after ${info}` })));
            return;
        }
        let mayHaveDeleted = uncertain;
        try {
            await (0,http_retry/* withRetries */.LH)(async () => {
                requests++;
                try {
                    await target.deleteOnce(ids);
                }
                catch (err) {
                    if (mayHaveTakenEffect(err))
                        mayHaveDeleted = true;
                    throw err;
                }
            }, isTransientFailure, options.retry, options.onRetry);
            deleted.push(...ids);
        }
        catch (err) {
            if (stopsTheRun(err)) {
                stoppedBy ??= err;
                failed.push(...ids.map((id) => failure(id, err)));
            }
            else if (ids.length === 1 && mayHaveDeleted && err instanceof AiApiError && err.notFound) {
                deleted.push(ids[0]);
            }
            else if (ids.length > 1 && !isTransientFailure(err)) {
                const half = Math.ceil(ids.length / 2);
                await attempt(ids.slice(0, half), mayHaveDeleted);
                await attempt(ids.slice(half), mayHaveDeleted);
                return;
            }
            else {
                failed.push(...ids.map((id) => failure(id, err)));
            }
        }
        progress();
    };
    await (0,concurrency/* mapWithConcurrency */.W)(batches, options.concurrency, (ids) => attempt(ids, false));
    return { deleted, failed, stoppedBy, requests };
}
/** Errors about the account or the token: every other request would fail the same way. */
function stopsTheRun(err) {
    if (err instanceof AiApiError)
        return describeCode(err.code).stop === true;
    return err instanceof request/* HttpError */.j$ && (err.status === 401 || err.status === 403);
}
function failure(id, err) {
    if (err instanceof AiApiError)
        return { id, code: err.code, msg: `${describeCode(err.code).meaning}: ${err.msg}` };
    if (err instanceof request/* HttpError */.j$)
        return { id, code: err.status ? `HTTP ${err.status}` : err.failure, msg: err.message };
    if (err instanceof UnreadableAnswerError)
        return { id, code: 'unreadable-answer', msg: err.message };
    return { id, code: 'error', msg: err.message ?? String(err) };
}
function describeStop(err) {
    if (err instanceof AiApiError)
        return `code ${err.code} (${describeCode(err.code).meaning})`;
    return err.message;
}

;// CONCATENATED MODULE: ./src/ai/list.ts

const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;
/**
 * Every container, page by page. `start` is taken as a record offset (the docs give only its
 * default, 0); the checks below turn any other meaning into a clear failure, never a partial list
 * taken for a whole one: a page that repeats earlier records, or an empty page before data.total.
 */
async function listAllContainers(client, onPage = () => { }) {
    const seen = new Map();
    let start = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
        const { records, total } = readListPage(await client.listPage(start, PAGE_SIZE));
        if (records.length === 0) {
            if (total !== undefined && start < total)
                throw new ListShapeError(`an empty page at start=${start} while data.total is ${total}`);
            return [...seen.values()];
        }
        const before = seen.size;
        for (const c of records)
            seen.set(c.id, c);
        if (seen.size === before)
            throw new ListShapeError(`the page at start=${start} repeats earlier records`);
        start += records.length;
        onPage(seen.size, total);
        if (total !== undefined && start >= total)
            return [...seen.values()];
    }
    throw new ListShapeError(`more than ${MAX_PAGES} pages`);
}

// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(665);
;// CONCATENATED MODULE: ./src/operations/clean-containers.ts










const PROGRESS_EVERY_MS = 5_000;
/** Rows of selected containers shown in the job summary; the log has every one on a dry run. */
const SUMMARY_ROWS = 100;
/** Deletes the listed container IDs and the containers the filter selects, in batches. */
async function cleanContainers(config) {
    const started = Date.now();
    const client = await connectAi(config.target, config.network);
    const selected = config.filter ? await runner/* group */.Os('List containers', () => selectFromList(client, config)) : [];
    const ids = [...new Set([...config.ids, ...selected.map((c) => c.id)])];
    const batches = makeBatches(ids, config.batchSize, client.deleteUrl);
    if (config.dryRun) {
        log/* info */.pq(`Dry run: would delete ${ids.length} container(s) in ${batches.length} DELETE request(s):`);
        for (const id of ids)
            log/* info */.pq(`  ${id}`);
        clean_containers_report({ deleted: [], failed: [] });
        (0,report/* writeSummary */.Sy)(`## Clean containers (dry run)\n\nWould delete **${ids.length}** container(s) in ${batches.length} request(s) of up to ${config.batchSize} IDs.\n\n` +
            plannedTable(ids, selected));
        return;
    }
    if (ids.length === 0) {
        log/* info */.pq('Nothing to delete.');
        clean_containers_report({ deleted: [], failed: [] });
        (0,report/* writeSummary */.Sy)('## Clean containers\n\nNo container matched: nothing to delete.\n');
        return;
    }
    const deleting = Date.now();
    const result = await runner/* group */.Os(`Delete ${ids.length} container(s) in ${batches.length} request(s), ${config.concurrency} at a time`, async () => {
        const done = { deleted: 0, failed: 0 };
        const progress = setInterval(() => log/* info */.pq(`… ${done.deleted} deleted, ${done.failed} failed of ${ids.length} (${(0,report/* formatSeconds */.Xo)(Date.now() - deleting)})`), PROGRESS_EVERY_MS);
        try {
            return await deleteInBatches(client, batches, {
                concurrency: config.concurrency,
                retry: (0,http_retry/* retryWithin */.Cz)(config.network.retryBudgetMs),
                onRetry: (err, delayMs) => log/* warning */.$e(`${err.message}; retrying in ${(delayMs / 1000).toFixed(1)}s`),
                onProgress: (deleted, failed) => Object.assign(done, { deleted, failed }),
            });
        }
        finally {
            clearInterval(progress);
        }
    });
    const deleteMs = Date.now() - deleting;
    log/* info */.pq(`Deleted ${result.deleted.length} of ${ids.length} container(s) in ${(0,report/* formatSeconds */.Xo)(deleteMs)} (${result.requests} request(s)).`);
    clean_containers_report(result);
    (0,report/* writeSummary */.Sy)(`## Clean containers\n\n` +
        (0,report/* markdownTable */.Qj)(['Requested', 'Deleted', 'Failed', 'Requests', 'Deleting', 'Total time'], [
            [
                String(ids.length),
                String(result.deleted.length),
                String(result.failed.length),
                String(result.requests),
                (0,report/* formatSeconds */.Xo)(deleteMs),
                (0,report/* formatSeconds */.Xo)(Date.now() - started),
            ],
        ]) +
        (result.failed.length
            ? `\n### Failures\n\n${(0,report/* markdownTable */.Qj)(['Container', 'Code', 'Message'], result.failed.map((f) => [f.id, f.code, f.msg]))}`
            : ''));
    if (result.stoppedBy) {
        const hint = result.stoppedBy instanceof errors/* ActionError */.lZ ? result.stoppedBy.hint : undefined;
        throw new errors/* ActionError */.lZ(`Stopped after ${result.deleted.length} of ${ids.length} container(s) were deleted: ${result.stoppedBy.message}`, hint);
    }
    if (result.failed.length) {
        throw new errors/* ActionError */.lZ(`${result.failed.length} of ${ids.length} container(s) could not be deleted:\n${listFailures(result.failed)}`, 'see the failures table in the job summary; re-running deletes what is still there');
    }
}
async function selectFromList(client, config) {
    const all = await listAllContainers(client);
    const { selected, unknownAge } = selectContainers(all, config.filter, Date.now());
    log/* info */.pq(`Listed ${all.length} container(s); the filter selects ${selected.length}.`);
    if (unknownAge)
        log/* warning */.$e(`${unknownAge} container(s) match the filter but have no readable createTime, so older_than leaves them alone.`);
    return [...selected];
}
function clean_containers_report(result) {
    (0,report/* setOutputs */.n0)({
        deleted_containers: JSON.stringify(result.deleted),
        deleted_count: result.deleted.length,
        failed_containers: JSON.stringify(result.failed),
        failed_count: result.failed.length,
    });
}
function plannedTable(ids, selected) {
    if (!ids.length)
        return 'No container matched: nothing to delete.\n';
    const byId = new Map(selected.map((c) => [c.id, c]));
    const rows = ids.slice(0, SUMMARY_ROWS).map((id) => {
        const c = byId.get(id);
        return [id, c?.name ?? '(given)', c?.status ?? '', c?.taskType ?? '', c?.createdAt ? new Date(c.createdAt).toISOString() : ''];
    });
    const more = ids.length > SUMMARY_ROWS ? `\n…and ${ids.length - SUMMARY_ROWS} more (all are listed in the log).\n` : '';
    return (0,report/* markdownTable */.Qj)(['Container', 'Name', 'Status', 'Task type', 'Created'], rows) + more;
}
function listFailures(failed) {
    const shown = failed.slice(0, 20).map((f) => `  - ${f.id}: code ${f.code} (${f.msg})`);
    return [...shown, ...(failed.length > 20 ? [`  - …and ${failed.length - 20} more`] : [])].join('\n');
}


/***/ })

};
