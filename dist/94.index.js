export const id = 94;
export const ids = [94];
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

/***/ 4094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deleteVersions: () => (/* binding */ deleteVersions)
});

// EXTERNAL MODULE: ./src/runner.ts + 5 modules
var runner = __webpack_require__(7490);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(665);
// EXTERNAL MODULE: ./src/wechat/client.ts + 1 modules
var wechat_client = __webpack_require__(9363);
// EXTERNAL MODULE: ./src/wechat/conditions.ts
var conditions = __webpack_require__(4422);
// EXTERNAL MODULE: ./src/wechat/connect.ts
var connect = __webpack_require__(3032);
// EXTERNAL MODULE: ./src/wechat/version-list.ts
var version_list = __webpack_require__(1131);
// EXTERNAL MODULE: ./src/glob.ts
var glob = __webpack_require__(5601);
// EXTERNAL MODULE: ./src/wechat/version-status.ts
var version_status = __webpack_require__(3209);
;// CONCATENATED MODULE: ./src/operations/version-plan.ts



const REMOVE = { kind: 'remove' };
const IGNORE = { kind: 'ignore' };
/**
 * Decides, from the whole version list (newest first), what to delete. Pure: the safety rules
 * of delete-versions live here.
 * - A version is selected only if every given rule selects it (versions, version_pattern,
 *   keep_latest, older_than).
 * - Never deleted: a version matching exclude_pattern, one with traffic (or unknown traffic), one
 *   still being built or deployed, and, when no names are given, the newest version and any whose
 *   created_time cannot be read. Protected versions are skipped, or refused when named.
 */
function planDeletion(versions, selection, now) {
    const named = selection.names && new Set(selection.names);
    const patterns = selection.patterns?.map(glob/* globToRegExp */.t);
    const excludes = selection.excludes.map(glob/* globToRegExp */.t);
    const byAge = versions.filter((v) => v.createdAt !== undefined).sort((a, b) => b.createdAt - a.createdAt);
    const newest = byAge[0]?.version_name;
    const kept = new Set(byAge.slice(0, selection.keepLatest ?? 0).map((v) => v.version_name));
    const cutoff = selection.olderThanMs === undefined ? undefined : now - selection.olderThanMs;
    const usesTime = selection.keepLatest !== undefined || cutoff !== undefined;
    const verdict = (v) => {
        const isNamed = named?.has(v.version_name) ?? false;
        if (named && !isNamed)
            return IGNORE;
        const unselected = (reason) => (isNamed ? { kind: 'skip', reason } : IGNORE);
        const protect = (reason) => ({ kind: isNamed ? 'refuse' : 'skip', reason });
        if (patterns && !(0,glob/* matchesAny */._)(patterns, v.version_name))
            return unselected('does not match version_pattern');
        if (v.createdAt === undefined && (usesTime || !named)) {
            const why = usesTime ? 'keep_latest and older_than cannot be applied' : 'cannot tell whether it is the newest';
            return { kind: 'skip', reason: `created_time ${JSON.stringify(v.created_time)} cannot be read: ${why}` };
        }
        if (kept.has(v.version_name))
            return unselected(`among the ${selection.keepLatest} newest (keep_latest)`);
        if (cutoff !== undefined && v.createdAt >= cutoff) {
            return unselected(`created ${v.created_time}, not before the older_than cutoff ${(0,version_list/* formatChinaTime */.CU)(cutoff)} (China time)`);
        }
        if ((0,glob/* matchesAny */._)(excludes, v.version_name))
            return { kind: 'skip', reason: 'matches exclude_pattern' };
        if (v.flow_ratio === undefined)
            return protect('flow_ratio missing from the version list: treated as receiving traffic');
        if (v.flow_ratio > 0)
            return protect(`receives traffic (flow_ratio ${v.flow_ratio})`);
        if ((0,version_status/* classifyStatus */.x)(v.status) === 'in-progress')
            return protect(`still being built or deployed (status ${JSON.stringify(v.status)})`);
        if (!named && v.version_name === newest)
            return { kind: 'skip', reason: 'the newest version: never deleted by retention rules' };
        return REMOVE;
    };
    const remove = [];
    const skipped = [];
    const refused = [];
    for (const v of versions) {
        const result = verdict(v);
        if (result.kind === 'remove')
            remove.push(v);
        else if (result.kind === 'skip')
            skipped.push({ version_name: v.version_name, reason: result.reason });
        else if (result.kind === 'refuse')
            refused.push({ version_name: v.version_name, reason: result.reason });
    }
    const listed = new Set(versions.map((v) => v.version_name));
    for (const name of selection.names ?? []) {
        if (!listed.has(name))
            refused.push({ version_name: name, reason: 'does not exist: not in the version list of the service' });
    }
    return { remove: remove.reverse(), skipped, refused, removesAll: versions.length > 0 && remove.length === versions.length };
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
;// CONCATENATED MODULE: ./src/operations/delete-versions.ts










const DELETE_API = 'deletecloudbaserunserverversion';
/** Prunes versions of a service: reads them all, plans what is safe to delete, deletes it. */
async function deleteVersions(config) {
    const started = Date.now();
    const { env_id, service_name } = config.target;
    const client = await (0,connect/* connectWechat */.$)(config.target, config.network);
    const versions = await runner/* group */.Os(`Read the versions of ${service_name}`, async () => {
        try {
            const list = await (0,version_list/* listVersions */.yO)(client, env_id, service_name);
            for (const v of list)
                log/* info */.pq(`${v.version_name}  status ${v.status || '(none)'}  flow_ratio ${v.flow_ratio ?? '(unknown)'}  created ${v.created_time || '(unknown)'}`);
            log/* info */.pq(`${list.length} versions.`);
            return list;
        }
        catch (err) {
            const message = err instanceof Error ? err.message : (0,errors/* errorMessage */.gJ)(err);
            throw new errors/* ActionError */.lZ(`Cannot read the versions of ${service_name}, so nothing was deleted: ${message}`, err instanceof errors/* ActionError */.lZ ? err.hint : undefined);
        }
    });
    const plan = planDeletion(versions, config.selection, Date.now());
    const deletesService = config.deleteService && plan.removesAll;
    await runner/* group */.Os('Plan', () => logPlan(plan, config, deletesService));
    const failed = plan.refused.map((r) => ({ version_name: r.version_name, errcode: null, errmsg: `refused: ${r.reason}` }));
    const deleted = [];
    let serviceDeleted = false;
    if (!config.dryRun && plan.remove.length) {
        const outcomes = await runner/* group */.Os(`Delete ${plan.remove.length} versions of ${service_name}`, () => execute(client, config, plan.remove, deletesService));
        for (const outcome of outcomes) {
            if (outcome.ok)
                deleted.push(outcome.version_name);
            else
                failed.push({ version_name: outcome.version_name, errcode: outcome.errcode, errmsg: outcome.errmsg });
        }
        serviceDeleted = deletesService && outcomes.every((o) => o.ok);
    }
    (0,report/* setOutputs */.n0)({
        deleted_versions: JSON.stringify(deleted),
        deleted_count: deleted.length,
        skipped_versions: JSON.stringify(plan.skipped),
        failed_versions: JSON.stringify(failed),
        failed_count: failed.length,
    });
    (0,report/* writeSummary */.Sy)(summary(config, plan, deleted, failed, serviceDeleted, Date.now() - started));
    if (failed.length) {
        throw new errors/* ActionError */.lZ(`${failed.length} version${failed.length === 1 ? '' : 's'} of ${service_name} could not be deleted:\n` +
            failed.map((f) => `  - ${f.version_name}: ${f.errcode === null ? '' : `errcode ${f.errcode}: `}${f.errmsg}`).join('\n'), plan.refused.length
            ? 'a version that receives traffic or is still being built or deployed is never deleted: move its traffic away or wait, or leave it out of versions'
            : 'every outcome is in the job summary and the failed_versions output; re-running deletes what is left');
    }
}
/**
 * Deletes with bounded concurrency; one failure does not stop the others. When the service goes
 * too, its last version is deleted on its own at the end, and only with is_delete_server when
 * every other version is gone (the platform accepts it only with the last version).
 */
async function execute(client, config, remove, deletesService) {
    const last = deletesService ? remove.at(-1) : undefined;
    const first = last ? remove.slice(0, -1) : remove;
    const outcomes = await (0,concurrency/* mapWithConcurrency */.W)(first, config.concurrency, (v) => deleteOne(client, config, v.version_name, {}));
    if (last) {
        const othersGone = outcomes.every((o) => o.ok);
        if (!othersGone)
            log/* warning */.$e(`Some versions could not be deleted, so service ${config.target.service_name} is kept.`);
        const flags = othersGone ? { is_delete_server: true, ...(config.deleteImage ? { is_delete_image: true } : {}) } : {};
        outcomes.push(await deleteOne(client, config, last.version_name, flags));
    }
    return outcomes;
}
async function deleteOne(client, config, version_name, flags) {
    const body = { env_id: config.target.env_id, server_name: config.target.service_name, version_name, ...flags };
    const also = flags.is_delete_server ? ` and service ${config.target.service_name}${flags.is_delete_image ? ' with its image' : ''}` : '';
    try {
        await client.call(DELETE_API, body, 'idempotent');
        log/* info */.pq(`Deleted ${version_name}${also}.`);
        return { ok: true, version_name };
    }
    catch (err) {
        if (err instanceof wechat_client/* WechatApiError */.xo) {
            // The version was in the list just read; "not found" after an attempt that may have landed means that attempt deleted it.
            if ((0,conditions/* isNotFound */.c4)(err) && err.earlierAttemptMayHaveLanded) {
                log/* info */.pq(`Deleted ${version_name}${also} (a retry found it already gone).`);
                return { ok: true, version_name };
            }
            log/* warning */.$e(`Could not delete ${version_name}: ${err.message}`);
            return { ok: false, version_name, errcode: err.errcode, errmsg: err.errmsg };
        }
        log/* warning */.$e(`Could not delete ${version_name}: ${(0,errors/* errorMessage */.gJ)(err)}`);
        return { ok: false, version_name, errcode: null, errmsg: (0,errors/* errorMessage */.gJ)(err) };
    }
}
function logPlan(plan, config, deletesService) {
    const verb = config.dryRun ? 'Dry run: would delete' : 'To delete';
    log/* info */.pq(`${verb} ${plan.remove.length} versions${plan.remove.length ? `: ${plan.remove.map((v) => v.version_name).join(', ')}` : ''}`);
    if (deletesService)
        log/* info */.pq(`${config.dryRun ? 'Dry run: would delete' : 'Then delete'} service ${config.target.service_name} with its last version${config.deleteImage ? ', and its image' : ''}.`);
    else if (config.deleteService)
        log/* info */.pq(`Service ${config.target.service_name} is kept: versions remain.`);
    for (const s of plan.skipped)
        log/* info */.pq(`Skip ${s.version_name}: ${s.reason}`);
    for (const r of plan.refused)
        log/* warning */.$e(`Refuse ${r.version_name}: ${r.reason}`);
}
function summary(config, plan, deleted, failed, serviceDeleted, elapsedMs) {
    const { env_id, service_name } = config.target;
    const rows = [
        ...(config.dryRun ? plan.remove.map((v) => [v.version_name, 'would delete', '']) : deleted.map((name) => [name, 'deleted', ''])),
        ...plan.skipped.map((s) => [s.version_name, 'skipped', s.reason]),
        ...failed.map((f) => [f.version_name, 'failed', f.errcode === null ? f.errmsg : `errcode ${f.errcode}: ${f.errmsg}`]),
    ];
    const counts = config.dryRun
        ? `Would delete **${plan.remove.length}**, skipped **${plan.skipped.length}**, failed **${failed.length}**`
        : `Deleted **${deleted.length}**, skipped **${plan.skipped.length}**, failed **${failed.length}**`;
    const service = serviceDeleted
        ? `\nService ${service_name} was deleted with its last version${config.deleteImage ? ', with its image' : ''}.\n`
        : config.dryRun && config.deleteService && plan.removesAll
            ? `\nService ${service_name} would be deleted with its last version${config.deleteImage ? ', with its image' : ''}.\n`
            : '';
    return (`## ${config.dryRun ? 'Delete versions (dry run)' : 'Delete versions'}: ${service_name}\n\n` +
        `${counts} (environment ${env_id}, ${(0,report/* formatSeconds */.Xo)(elapsedMs)}).\n` +
        service +
        (rows.length ? `\n${(0,report/* markdownTable */.Qj)(['Version', 'Outcome', 'Reason'], rows)}` : '\nNothing was selected.\n'));
}


/***/ })

};
