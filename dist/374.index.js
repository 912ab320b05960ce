export const id = 374;
export const ids = [374];
export const modules = {

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

/***/ 9363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mP: () => (/* binding */ UnreadableAnswerError),
  xo: () => (/* binding */ WechatApiError),
  UV: () => (/* binding */ WechatClient),
  ju: () => (/* binding */ fetchComponentToken),
  r3: () => (/* binding */ isRetryable)
});

// UNUSED EXPORTS: readErrcode

// EXTERNAL MODULE: ./src/docs.ts
var docs = __webpack_require__(1012);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
// EXTERNAL MODULE: ./src/http/retry.ts
var retry = __webpack_require__(8902);
;// CONCATENATED MODULE: ./src/wechat/errcodes.ts
// The errcodes the componenttcb documents (seeds 000, 001, 003), with what to do about each.
const TOKEN_HINT = 'the component_access_token is invalid or expired (it lasts 2 hours): refresh it, or give component_appid, component_appsecret and component_verify_ticket so the action fetches a fresh one';
const ERRCODES = {
    [-1]: { meaning: 'system busy', hint: 'WeChat asked to retry later; re-run the job in a few minutes', transient: true },
    [-1000]: {
        meaning: 'system error',
        hint: 'a platform-side error; re-run the job, and report it in the Open Platform service-provider forum if it persists',
        transient: true,
    },
    40013: { meaning: 'invalid appid', hint: 'check component_appid: it must be the third-party platform appid' },
    40014: { meaning: 'invalid access_token', hint: TOKEN_HINT },
    40097: { meaning: 'invalid args', hint: 'a parameter was rejected: check env_id, service_name, version_name and the deploy settings' },
    40101: {
        meaning: 'missing parameter',
        hint: 'a required parameter is missing; this is a bug in the action unless deploy_options removed it',
    },
    40125: { meaning: 'invalid appsecret', hint: 'check component_appsecret' },
    41001: { meaning: 'access_token missing', hint: TOKEN_HINT },
    42001: { meaning: 'access_token expired', hint: TOKEN_HINT },
    43002: { meaning: 'require POST method', hint: 'wechat_api_url may point at a proxy that rewrites requests' },
    44002: { meaning: 'empty post data', hint: 'wechat_api_url may point at a proxy that drops request bodies' },
    47001: {
        meaning: 'data format error',
        hint: 'the request body was not understood; check deploy_options and service_options for wrong field types',
    },
    85088: {
        meaning: 'no qbase privilege',
        hint: 'Cloud Hosting (cloud development) is not enabled for this app: enable it for the environment, and check env_id',
    },
};
function describeErrcode(errcode) {
    return ERRCODES[errcode] ?? { meaning: 'undocumented errcode', hint: 'see the WeChat Open Platform documentation for this errcode' };
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
;// CONCATENATED MODULE: ./src/wechat/client.ts






class WechatApiError extends errors/* ActionError */.lZ {
    api;
    errcode;
    errmsg;
    /**
     * An earlier attempt of the same call may have reached WeChat, so its effect may already have
     * happened: a retried delete that answers "not found" most likely deleted on the first attempt.
     */
    earlierAttemptMayHaveLanded;
    constructor(api, errcode, errmsg, earlierAttemptMayHaveLanded = false) {
        const info = describeErrcode(errcode);
        super(`${api} failed: errcode ${errcode} (${info.meaning}): ${errmsg}`, `${info.hint} (${(0,docs/* troubleshootingLink */.r)(`wechat-${errcode}`)})`);
        this.name = 'WechatApiError';
        this.api = api;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.earlierAttemptMayHaveLanded = earlierAttemptMayHaveLanded;
    }
}
/** WeChat answered, but not with a JSON object with a readable errcode: treat like a transport failure of unknown outcome. */
class UnreadableAnswerError extends errors/* ActionError */.lZ {
    constructor(api, body) {
        super(`${api} answered with something that is not a JSON object with an errcode: ${JSON.stringify(body.slice(0, 120))}`, 'a proxy or gateway may be answering instead of WeChat; check wechat_api_url and the runner network');
        this.name = 'UnreadableAnswerError';
    }
}
class WechatClient {
    #options;
    #accessToken;
    constructor(options, accessToken) {
        this.#options = options;
        this.#accessToken = accessToken;
    }
    /** POSTs to componenttcb/<api>; the token travels only as the access_token URL parameter. */
    async call(api, body, kind) {
        const url = new URL(`componenttcb/${api}`, withSlash(this.#options.baseUrl));
        url.searchParams.set('access_token', this.#accessToken);
        return postJson(this.#options, url, `componenttcb/${api}`, body, kind);
    }
}
/** Obtains a component_access_token from the platform's own credentials. */
async function fetchComponentToken(options, credentials) {
    const url = new URL('cgi-bin/component/api_component_token', withSlash(options.baseUrl));
    const answer = await postJson(options, url, 'api_component_token', credentials, 'read');
    const token = answer.component_access_token;
    if (typeof token !== 'string' || !token) {
        throw new errors/* ActionError */.lZ('api_component_token answered without a component_access_token', 'check the component credentials');
    }
    return token;
}
async function postJson(options, url, api, body, kind) {
    let landed = false;
    return (0,retry/* withRetries */.LH)(async () => {
        const res = await (0,request/* httpRequest */.aj)({
            label: `WeChat ${api}`,
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            timeoutMs: options.timeoutMs,
        });
        const answer = parseAnswer(api, res.body);
        const errcode = readErrcode(answer.errcode);
        // A change is confirmed only by the errcode 0 its documented answer carries; reads and the
        // token API may leave errcode out on success.
        if (errcode === undefined || (kind !== 'read' && answer.errcode === undefined))
            throw new UnreadableAnswerError(api, res.body);
        if (errcode !== 0)
            throw new WechatApiError(api, errcode, readErrmsg(answer.errmsg), landed);
        return answer;
    }, (err) => isRetryable(err, kind), options.retry, (err, delayMs) => {
        landed ||= !(err instanceof request/* HttpError */.j$) || err.mayHaveReachedServer;
        log/* warning */.$e(`${api}: ${err.message}; retrying in ${(delayMs / 1000).toFixed(1)}s`);
    });
}
function parseAnswer(api, body) {
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return parsed;
    }
    catch {
        // reported below
    }
    throw new UnreadableAnswerError(api, body);
}
/** errcode as a number, also when sent as a numeric string; absent is success; undefined for anything else. */
function readErrcode(value) {
    if (value === undefined || value === null)
        return 0;
    if (typeof value === 'number')
        return Number.isInteger(value) ? value : undefined;
    if (typeof value === 'string' && /^\s*-?\d{1,10}\s*$/.test(value))
        return Number(value);
    return undefined;
}
/** errmsg as one bounded line of text, whatever the platform sent. */
function readErrmsg(value) {
    const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
/** Whether a failed call of this kind may be tried again: for read, whether the failure is transient. */
function isRetryable(err, kind) {
    if (err instanceof request/* HttpError */.j$)
        return err.isTransient && (kind !== 'once' || !err.mayHaveReachedServer);
    if (kind === 'once')
        return false;
    if (err instanceof WechatApiError)
        return describeErrcode(err.errcode).transient === true;
    return err instanceof UnreadableAnswerError;
}
function withSlash(base) {
    return base.endsWith('/') ? base : `${base}/`;
}


/***/ }),

/***/ 4422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W1: () => (/* binding */ isReleaseInProgress),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   x9: () => (/* binding */ isAlreadyExists)
/* harmony export */ });
// componenttcb documents no errcode for "not found", "already exists" or "a release is running", so these are
// recognised by the errmsg text. This is the one place to correct when the real codes are known.
const NOT_FOUND = /not\s*(?:found|exists?)|does\s*not\s*exist|no\s*such|不存在|ResourceNotFound/i;
const ALREADY_EXISTS = /already\s*exists?|已存在|ResourceInUse\.\w*Exist/i;
// Another release of the service is running (WeChat's CLI says "当前已有部署发布任务运行中").
// "ResourceInUse" alone, not ResourceInUse.…Exist, which means the service already exists.
const RELEASE_IN_PROGRESS = /运行中|进行中|in\s*progress|ResourceInUse(?!\.\w*Exist)/i;
function isNotFound(err) {
    return NOT_FOUND.test(err.errmsg);
}
function isAlreadyExists(err) {
    return ALREADY_EXISTS.test(err.errmsg);
}
/** No errcode is documented for it; add it here when it is known. */
const RELEASE_IN_PROGRESS_ERRCODES = new Set();
function isReleaseInProgress(err) {
    return RELEASE_IN_PROGRESS_ERRCODES.has(err.errcode) || RELEASE_IN_PROGRESS.test(err.errmsg);
}


/***/ }),

/***/ 3032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ connectWechat)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7490);
/* harmony import */ var _http_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8902);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9363);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5625);





/** A client for the target's API, with a component_access_token (fetched first when needed). */
async function connectWechat(target, network) {
    const options = {
        baseUrl: target.apiUrl,
        timeoutMs: network.requestTimeoutMs,
        retry: (0,_http_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryWithin */ .Cz)(network.retryBudgetMs),
    };
    const credentials = target.credentials;
    if (credentials.kind === 'token')
        return new _client_js__WEBPACK_IMPORTED_MODULE_3__/* .WechatClient */ .UV(options, credentials.access_token);
    const token = await _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Obtain component_access_token', () => (0,_client_js__WEBPACK_IMPORTED_MODULE_3__/* .fetchComponentToken */ .ju)(options, credentials));
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .addSecret */ .C)(token);
    _log_js__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq('Obtained a component_access_token (valid for 2 hours).');
    return new _client_js__WEBPACK_IMPORTED_MODULE_3__/* .WechatClient */ .UV(options, token);
}


/***/ }),

/***/ 1131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CU: () => (/* binding */ formatChinaTime),
/* harmony export */   OW: () => (/* binding */ getVersionDetail),
/* harmony export */   vb: () => (/* binding */ VersionListChangedError),
/* harmony export */   yO: () => (/* binding */ listVersions)
/* harmony export */ });
/* unused harmony exports LIST_API, parseChinaTime */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9363);
/* harmony import */ var _conditions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4422);



// Reading a service's versions (getcsversionlist, getcsversiondetail). These two APIs take `env`,
// not `env_id`. Fields are read defensively: the answers are documented only by example.
const LIST_API = 'getcsversionlist';
/** A version was deployed or deleted between two pages: the list read is not one consistent picture. */
class VersionListChangedError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
}
// The documented default page size, so the platform surely accepts it.
const PAGE_SIZE = 20;
// A guard against an answer that never ends (a total that keeps growing, pages that repeat).
const MAX_PAGES = 500;
/**
 * Every version of the service, newest first, read over all pages. Throws rather than return a
 * partial list: whoever decides what to delete must see every version.
 */
async function listVersions(client, env, service_name) {
    const byName = new Map();
    let total;
    for (let offset = 0, page = 0;; page++) {
        if (page === MAX_PAGES)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${LIST_API} kept answering after ${MAX_PAGES} pages`, 're-run the job; report it if it persists');
        const answer = await callList(client, { env, service_name, limit: PAGE_SIZE, offset });
        total = readCount(answer.total) ?? total;
        // Only an answer that says the service has no versions may leave items out: any other would
        // pass for an empty service.
        const items = answer.items ?? (total === 0 ? [] : undefined);
        if (!Array.isArray(items))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${LIST_API} answered without a list of items: ${JSON.stringify(answer).slice(0, 200)}`, 're-run the job; a proxy or gateway may be answering instead of WeChat');
        // A version deployed while paging shifts the list by one, so a name may come twice: keep the first.
        for (const item of items) {
            const version = readVersion(item);
            if (!byName.has(version.version_name))
                byName.set(version.version_name, version);
        }
        offset += items.length;
        if (items.length === 0 || (total === undefined ? items.length < PAGE_SIZE : offset >= total))
            break;
    }
    if (total !== undefined && byName.size !== total) {
        throw new VersionListChangedError(`the version list changed while it was read (${byName.size} versions read, total ${total})`, 'a deploy or another cleanup ran at the same time; re-run the job');
    }
    return [...byName.values()];
}
async function callList(client, body) {
    try {
        return await client.call(LIST_API, body, 'read');
    }
    catch (err) {
        if (err instanceof _client_js__WEBPACK_IMPORTED_MODULE_1__/* .WechatApiError */ .xo && (0,_conditions_js__WEBPACK_IMPORTED_MODULE_2__/* .isNotFound */ .c4)(err)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(err.message, `check service_name and env_id: the service "${String(body.service_name)}" was not found in environment ${String(body.env)}; for deploy to create it, set create_service: true`);
        }
        throw err;
    }
}
function readVersion(item) {
    const v = (typeof item === 'object' && item !== null ? item : {});
    if (typeof v.version_name !== 'string' || !v.version_name) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${LIST_API} answered with a version that has no version_name: ${JSON.stringify(item).slice(0, 200)}`);
    }
    const created_time = typeof v.created_time === 'string' ? v.created_time : '';
    return {
        version_name: v.version_name,
        status: typeof v.status === 'string' ? v.status : '',
        flow_ratio: readCount(v.flow_ratio),
        created_time,
        createdAt: parseChinaTime(created_time),
        updated_time: typeof v.updated_time === 'string' ? v.updated_time : '',
    };
}
async function getVersionDetail(client, env, service_name, version_name) {
    const answer = await client.call('getcsversiondetail', { env, service_name, version_name }, 'read');
    const text = (value) => (typeof value === 'string' ? value : '');
    return { status: text(answer.status), image_url: text(answer.image_url) };
}
/** A non-negative number, given as a number or a numeric string. */
function readCount(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) && value >= 0 ? value : undefined;
    if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))
        return Number(value);
    return undefined;
}
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** "2020-12-08 20:56:10" in China time (UTC+8) → epoch ms; undefined for anything else. */
function parseChinaTime(text) {
    const match = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/);
    if (!match)
        return undefined;
    const [y, mo, d, h, mi, s] = match.slice(1).map(Number);
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS;
    // Date.UTC rolls 2024-02-30 over to March: a date that does not round-trip was not a real date.
    return formatChinaTime(ms) === `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}` ? ms : undefined;
}
/** Epoch ms → "2020-12-08 20:56:10", China time, the way WeChat writes times. */
function formatChinaTime(ms) {
    return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}


/***/ }),

/***/ 3209:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ classifyStatus)
/* harmony export */ });
// What a Cloud Hosting version `status` means. The platform documents no full list (only
// `build_fail` appears in an example), so this is the one place that interprets it:
// - a status containing "fail" is a failure (build_fail, deploy_fail, …);
// - the statuses below are a healthy, serving-ready version;
// - anything else is still being built or deployed, and so must not be deleted or trusted yet.
const READY = new Set(['normal', 'running', 'active', 'succ', 'success', 'online']);
function classifyStatus(status) {
    const s = status.trim().toLowerCase();
    if (s.includes('fail'))
        return 'failed';
    return READY.has(s) ? 'ready' : 'in-progress';
}


/***/ })

};
