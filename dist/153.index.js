export const id = 153;
export const ids = [153];
export const modules = {

/***/ 4153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/runner.ts + 5 modules
var runner = __webpack_require__(7490);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/report.ts
var src_report = __webpack_require__(665);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
// EXTERNAL MODULE: ./src/wechat/client.ts + 1 modules
var wechat_client = __webpack_require__(9363);
// EXTERNAL MODULE: ./src/wechat/conditions.ts
var conditions = __webpack_require__(4422);
// EXTERNAL MODULE: ./src/wechat/connect.ts
var connect = __webpack_require__(3032);
// EXTERNAL MODULE: ./src/wechat/version-list.ts
var version_list = __webpack_require__(1131);
;// CONCATENATED MODULE: ./src/operations/deploy-traffic.ts


/** The split to send; throws when the rest has no version to go to. */
function planTraffic(newVersion, traffic, versions) {
    const others = versions.filter((v) => v.version_name !== newVersion && (v.flow_ratio ?? 0) > 0);
    const rest = 100 - traffic;
    if (rest > 0 && others.length === 0) {
        throw new errors/* ActionError */.lZ(`traffic ${traffic} leaves ${rest}% to the versions that served before, but no other version of the service serves traffic`, 'to start a canary, deploy over a version that serves no traffic (version_name), so the current one keeps serving; or use traffic: 100');
    }
    const shares = proportional(rest, others.map((v) => v.flow_ratio));
    const items = [
        { version_name: newVersion, flow_ratio: traffic },
        ...others.map((v, i) => ({ version_name: v.version_name, flow_ratio: shares[i] })),
    ];
    const sum = items.reduce((total, item) => total + item.flow_ratio, 0);
    if (sum !== 100)
        throw new Error(`traffic split adds up to ${sum}, not 100: ${JSON.stringify(items)}`);
    return items;
}
/** Whole numbers summing to total, in proportion to weights (largest remainders round up). */
function proportional(total, weights) {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum <= 0)
        return weights.map(() => 0);
    const exact = weights.map((w) => (total * w) / sum);
    const shares = exact.map(Math.floor);
    const byRemainder = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const left = total - shares.reduce((a, b) => a + b, 0);
    for (const [, i] of byRemainder.slice(0, left))
        shares[i] += 1;
    return shares;
}
/** Sends the split, then reads the versions back so the summary shows what the platform holds. */
async function shiftTraffic(client, env, service_name, items) {
    await client.call('setcspropotion', { env, service_name, items }, 'idempotent');
    return (0,version_list/* listVersions */.yO)(client, env, service_name);
}
/** "shop-api-001 90%, shop-api-003 10%": the versions that serve traffic, largest share first. */
function describeSplit(versions) {
    const serving = versions
        .filter((v) => (v.flow_ratio ?? 0) > 0)
        .sort((a, b) => b.flow_ratio - a.flow_ratio || a.version_name.localeCompare(b.version_name));
    return serving.length ? serving.map((v) => `${v.version_name} ${v.flow_ratio}%`).join(', ') : '(no version serves traffic)';
}

// EXTERNAL MODULE: ./src/wechat/version-status.ts
var version_status = __webpack_require__(3209);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
;// CONCATENATED MODULE: ./src/operations/deploy-watch.ts






const MAX_INTERVAL_FACTOR = 4;
/** Polls until the produced version is ready, has failed, or the timeout runs out. */
async function watchRollout(client, rollout, options) {
    const deadline = rollout.acceptedAt + options.timeoutMs;
    const timeline = [{ status: 'accepted', elapsedMs: 0 }];
    let current = { version_name: '', status: 'accepted', image_url: '' };
    let versions = rollout.before;
    let lastError;
    let delay = options.pollIntervalMs;
    let sawProgress = false;
    const result = (outcome) => ({ outcome, ...current, timeline, versions, lastError });
    for (;;) {
        let changed = false;
        try {
            versions = await (0,version_list/* listVersions */.yO)(client, rollout.env, rollout.service_name);
            lastError = undefined;
            const found = findProduced(versions, rollout.before, rollout.replaces);
            if (found) {
                const produced = found.version;
                changed = produced.version_name !== current.version_name || produced.status !== current.status;
                current = { version_name: produced.version_name, status: produced.status, image_url: '' };
                if (changed) {
                    const elapsedMs = Date.now() - rollout.acceptedAt;
                    timeline.push({ status: produced.status, elapsedMs });
                    log/* info */.pq(`${(0,src_report/* formatSeconds */.Xo)(elapsedMs)}: version ${produced.version_name} is ${produced.status || '(no status)'}`);
                }
                const state = (0,version_status/* classifyStatus */.x)(produced.status);
                if (state === 'failed')
                    return result('failed');
                if (state === 'in-progress')
                    sawProgress = true;
                if (state === 'ready') {
                    const detail = await (0,version_list/* getVersionDetail */.OW)(client, rollout.env, rollout.service_name, produced.version_name);
                    current = { ...current, image_url: detail.image_url };
                    if (sameImage(detail.image_url, rollout.image_url))
                        return result('ready');
                    if (!found.inPlace || sawProgress)
                        return result('rolled-back');
                }
            }
        }
        catch (err) {
            // The client already retried; a transient failure that outlasts that must not end a long wait.
            if (!(0,wechat_client/* isRetryable */.r3)(err, 'read') && !(err instanceof version_list/* VersionListChangedError */.vb))
                throw lostTrack(err, rollout);
            lastError = (0,errors/* errorMessage */.gJ)(err);
            log/* warning */.$e(`Polling the versions of ${rollout.service_name} failed (${lastError}); polling again`);
        }
        // Never poll faster than poll_interval: stop when the next poll would come after the deadline.
        const left = deadline - Date.now();
        if (left < options.pollIntervalMs)
            return result('timeout');
        delay = changed ? options.pollIntervalMs : Math.min(delay * 1.5, options.pollIntervalMs * MAX_INTERVAL_FACTOR);
        await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    }
}
/** The version the rollout produced, as the module comment explains; undefined while none is seen. */
function findProduced(versions, before, replaces) {
    const known = new Map(before.map((v) => [v.version_name, v]));
    const fresh = versions.filter((v) => !known.has(v.version_name));
    if (fresh.length)
        return { version: newest(fresh), inPlace: false };
    const replacedName = replaces === 'latest' ? newest(before)?.version_name : replaces;
    const old = replacedName === undefined ? undefined : known.get(replacedName);
    const now = versions.find((v) => v.version_name === replacedName);
    if (!old || !now)
        return undefined;
    return now.status !== old.status || now.updated_time !== old.updated_time ? { version: now, inPlace: true } : undefined;
}
function newest(versions) {
    return versions.length ? versions.reduce((a, b) => (b.created_time > a.created_time ? b : a)) : undefined;
}
/** The same image, whether or not either side carries a scheme, trailing slash or upper-case host. */
function sameImage(a, b) {
    const norm = (ref) => {
        const bare = ref
            .trim()
            .replace(/^[a-z]+:\/\//i, '')
            .replace(/\/+$/, '');
        const slash = bare.indexOf('/');
        return slash < 0 ? bare : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
    };
    return norm(a) === norm(b);
}
/** The error that fails the step for a rollout that did not end ready; undefined when it did. */
function watchFailure(result, rollout, options) {
    const v = result.version_name;
    const ref = `(run_id ${rollout.runId}, after ${(0,src_report/* formatSeconds */.Xo)(result.timeline.at(-1)?.elapsedMs ?? 0)})`;
    const logs = `the logs of version ${v} in the Cloud Hosting console (service ${rollout.service_name}, environment ${rollout.env})`;
    switch (result.outcome) {
        case 'ready':
            return undefined;
        case 'failed':
            return new errors/* ActionError */.lZ(`The rollout failed: version ${v} is ${result.status} ${ref}.`, result.status.toLowerCase().includes('build')
                ? `the image could not be built or pulled: check that ${rollout.image_url} exists and that image_is_public matches the repository; ${logs} say more`
                : `the container did not become healthy: check container_port (the port the app listens on), initial_delay_seconds and ${logs}`);
        case 'rolled-back':
            return new errors/* ActionError */.lZ(`The rollout was rolled back: version ${v} is ${result.status} but runs ${result.image_url || '(no image reported)'} instead of ${rollout.image_url} ${ref}.`, `the platform went back to the previous image, usually because the new one failed its health check: see ${logs}, fix it, and deploy again`);
        case 'timeout':
            return new errors/* ActionError */.lZ(`The rollout did not finish within ${(0,src_report/* formatSeconds */.Xo)(options.timeoutMs)}: ` +
                `${v ? `version ${v} is still ${result.status || '(no status)'}` : 'no new version has appeared yet'}` +
                (result.image_url ? ` and runs ${result.image_url}, not ${rollout.image_url}` : '') +
                ` (run_id ${rollout.runId})` +
                (result.lastError ? `; the last poll failed: ${result.lastError}` : '') +
                '.', `the release may still finish: watch the version list of service ${rollout.service_name} (environment ${rollout.env}) in the Cloud Hosting console, ` +
                'and let it end before deploying again; raise timeout if releases of this service take longer');
    }
}
function lostTrack(err, rollout) {
    const hint = err instanceof errors/* ActionError */.lZ && err.hint ? `${err.hint}; ` : '';
    return new errors/* ActionError */.lZ(`Lost track of the rollout (run_id ${rollout.runId}): ${err instanceof errors/* ActionError */.lZ ? err.message : (0,errors/* errorMessage */.gJ)(err)}`, `${hint}the release goes on without the action: check service ${rollout.service_name} (environment ${rollout.env}) in the Cloud Hosting console`);
}

;// CONCATENATED MODULE: ./src/operations/deploy.ts











const ROLLOUT_API = 'rollupdatecloudbaserunserverversion';
const CREATE_API = 'establishcloudbaserunserver';
/**
 * Ships config.image as a rolling update of the service, creating the service first if asked; then,
 * unless wait is false, waits for the new version to be ready and sets the traffic split.
 */
async function deploy(config) {
    const started = Date.now();
    const { env_id, service_name } = config.target;
    const client = await (0,connect/* connectWechat */.$)(config.target, config.network);
    const serviceCreated = config.createService ? await ensureService(client, config) : false;
    const body = {
        env_id,
        server_name: service_name,
        upload_type: 'image',
        image_info: config.image,
        ...config.rollout,
    };
    const requested = String(config.rollout.version_name);
    const report = (outcome) => writeReport(config, body, { ...outcome, serviceCreated, durationMs: Date.now() - started });
    if (config.dryRun) {
        log/* info */.pq(`Dry run: would POST componenttcb/${ROLLOUT_API} with:\n${JSON.stringify(body, null, 2)}`);
        if (config.watch)
            log/* info */.pq(`Dry run: would then wait up to ${(0,src_report/* formatSeconds */.Xo)(config.watch.timeoutMs)} for the new version${config.watch.traffic === undefined ? '' : ` and send it ${config.watch.traffic}% of the traffic`}.`);
        return report({ runId: '', version_name: requested, status: 'dry_run', image_url: config.image.image_url });
    }
    const { runId, before } = await runner/* group */.Os(`Rolling update of ${service_name} to ${config.image.image_url}`, () => rolloutWhenFree(client, config, body));
    const acceptedAt = Date.now();
    log/* info */.pq(`Rolling update accepted: run_id ${runId}`);
    if (!config.watch)
        return report({ runId, version_name: requested, status: 'accepted', image_url: config.image.image_url });
    const watch = config.watch;
    const target = {
        env: env_id,
        service_name,
        runId,
        image_url: config.image.image_url,
        replaces: requested,
        before,
        acceptedAt,
    };
    const watched = await runner/* group */.Os(`Wait for the new version of ${service_name} (timeout ${(0,src_report/* formatSeconds */.Xo)(watch.timeoutMs)})`, () => watchRollout(client, target, watch));
    let failure = watchFailure(watched, target, watch);
    let versions = watched.versions;
    if (!failure && watch.traffic !== undefined) {
        // Reported below like a failed rollout, so the outputs still say which version is up.
        versions = await sendTraffic(client, target, watched.version_name, watch.traffic, versions).catch((err) => {
            failure = err instanceof Error ? err : new Error((0,errors/* errorMessage */.gJ)(err));
            return versions;
        });
    }
    report({
        runId,
        version_name: watched.version_name,
        status: watched.status,
        image_url: watched.image_url || config.image.image_url,
        watched: { timeline: watched.timeline, split: describeSplit(versions), outcome: watched.outcome },
    });
    if (failure)
        throw failure;
}
/** Gives the ready version its share; returns the versions as the platform lists them afterwards. */
function sendTraffic(client, target, version_name, traffic, versions) {
    return runner/* group */.Os(`Send ${traffic}% of the traffic to ${version_name}`, async () => {
        const items = planTraffic(version_name, traffic, versions);
        log/* info */.pq(`setcspropotion: ${items.map((i) => `${i.version_name} ${i.flow_ratio}%`).join(', ')}`);
        return shiftTraffic(client, target.env, target.service_name, items);
    });
}
/** Outputs and the job summary; written on failures of the rollout too, for later steps and readers. */
function writeReport(config, body, o) {
    const { env_id, service_name } = config.target;
    (0,src_report/* setOutputs */.n0)({
        run_id: o.runId,
        version_name: o.version_name,
        service_created: o.serviceCreated,
        status: o.status,
        image_url: o.image_url,
        duration_seconds: (o.durationMs / 1000).toFixed(1),
    });
    const watched = o.watched
        ? `\n### Rollout: ${o.watched.outcome}\n\n` +
            (0,src_report/* markdownTable */.Qj)(['Status', 'Elapsed'], o.watched.timeline.map((c) => [c.status || '(no status)', (0,src_report/* formatSeconds */.Xo)(c.elapsedMs)])) +
            `\nTraffic split: ${o.watched.split}\n`
        : '';
    (0,src_report/* writeSummary */.Sy)(`## ${config.dryRun ? 'Deploy (dry run)' : 'Deploy'}: ${service_name}\n\n` +
        (0,src_report/* markdownTable */.Qj)(['Service', 'Environment', 'Image', 'Version', 'Run ID', 'Service created', 'Status', 'Duration'], [
            [
                service_name,
                env_id,
                o.image_url,
                o.version_name || '(none)',
                o.runId || '(dry run)',
                o.serviceCreated ? 'yes' : 'no',
                o.status,
                (0,src_report/* formatSeconds */.Xo)(o.durationMs),
            ],
        ]) +
        watched +
        (config.dryRun
            ? `\nRequest that would be sent to \`componenttcb/${ROLLOUT_API}\`:\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n`
            : ''));
}
/**
 * Sends the rolling update, first waiting out another release of the service for up to `timeout`
 * (the platform refuses a second one while one runs). Returns the run_id and the versions that
 * existed just before the accepted attempt, so the watcher can tell the version it produces.
 */
async function rolloutWhenFree(client, config, body) {
    const { env_id, service_name } = config.target;
    const { timeoutMs, pollIntervalMs } = config.timing;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const before = config.watch ? await (0,version_list/* listVersions */.yO)(client, env_id, service_name) : [];
        try {
            return { runId: await rollout(client, body), before };
        }
        catch (err) {
            if (!(err instanceof wechat_client/* WechatApiError */.xo && (0,conditions/* isReleaseInProgress */.W1)(err)))
                throw err;
            if (Date.now() + pollIntervalMs > deadline) {
                throw new errors/* ActionError */.lZ(`Another release of ${service_name} was still running after ${(0,src_report/* formatSeconds */.Xo)(timeoutMs)}: ${err.errmsg}`, 'wait for it to finish (see the Cloud Hosting console) or raise timeout; a workflow concurrency group per service keeps your own releases from overlapping');
            }
            runner/* info */.pq(`Another release of ${service_name} is running (${err.errmsg}); waiting for it, trying again in ${(0,src_report/* formatSeconds */.Xo)(pollIntervalMs)}.`);
            await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
        }
    }
}
async function rollout(client, body) {
    try {
        const answer = await client.call(ROLLOUT_API, body, 'once');
        if (typeof answer.run_id !== 'string' || !answer.run_id) {
            throw new errors/* ActionError */.lZ(`${ROLLOUT_API} answered without a run_id (result: ${JSON.stringify(answer.result ?? null)})`, 'check the release in the Cloud Hosting console before re-running');
        }
        return answer.run_id;
    }
    catch (err) {
        if (err instanceof wechat_client/* WechatApiError */.xo && (0,conditions/* isNotFound */.c4)(err)) {
            throw new errors/* ActionError */.lZ(err.message, `the service "${String(body.server_name)}" may not exist in environment ${String(body.env_id)}: set create_service: true to create it`);
        }
        if ((err instanceof request/* HttpError */.j$ && err.mayHaveReachedServer) || err instanceof wechat_client/* UnreadableAnswerError */.mP) {
            // Not retried: a second rolling update could stack a release on the first.
            const hint = 'the release may have started: check the service in the Cloud Hosting console before re-running';
            throw new errors/* ActionError */.lZ(`${ROLLOUT_API}: the outcome is unknown (${err.message})`, err instanceof request/* HttpError */.j$ && err.hint ? `${hint}. Network: ${err.hint}` : hint);
        }
        throw err;
    }
}
/** Looks the service up and creates it when missing. Returns whether it was created. */
async function ensureService(client, config) {
    const { env_id, service_name } = config.target;
    return runner/* group */.Os(`Make sure service ${service_name} exists`, async () => {
        if (await serviceExists(client, env_id, service_name)) {
            log/* info */.pq(`Service ${service_name} exists.`);
            return false;
        }
        const body = { env_id, service_name, ...config.service };
        if (config.dryRun) {
            log/* info */.pq(`Dry run: service ${service_name} does not exist; would POST componenttcb/${CREATE_API} with:\n${JSON.stringify(body, null, 2)}`);
            return false;
        }
        try {
            await client.call(CREATE_API, body, 'idempotent');
        }
        catch (err) {
            // A retried create may find the service its first attempt made.
            if (err instanceof wechat_client/* WechatApiError */.xo && (0,conditions/* isAlreadyExists */.x9)(err)) {
                log/* info */.pq(`Service ${service_name} already exists.`);
                return false;
            }
            throw err;
        }
        log/* info */.pq(`Created service ${service_name}.`);
        return true;
    });
}
async function serviceExists(client, env, service_name) {
    try {
        await client.call('getcsversionlist', { env, service_name, limit: 1, offset: 0 }, 'read');
        return true;
    }
    catch (err) {
        if (err instanceof wechat_client/* WechatApiError */.xo && (0,conditions/* isNotFound */.c4)(err))
            return false;
        throw err;
    }
}


/***/ })

};
