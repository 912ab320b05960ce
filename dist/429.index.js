export const id = 429;
export const ids = [429];
export const modules = {

/***/ 7429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GithubRecorder: () => (/* binding */ GithubRecorder)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7490);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2413);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7194);
// GitHub Deployments and the sticky pull-request comment. Loaded only when one of them is on, so
// the other paths do not pay for the GitHub client. A failure here is a warning, never a failed
// release: the platform is the source of truth, GitHub only records it.




const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** What each feature needs in the job's `permissions:`. */
const PERMISSION = { deployment: 'deployments: write', comment: 'pull-requests: write' };
class GithubRecorder {
    #octokit;
    #settings;
    #deploymentId;
    constructor(settings) {
        this.#settings = settings;
        // getOctokit follows GITHUB_API_URL, so GitHub Enterprise Server works too.
        this.#octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q)(settings.token);
    }
    /** Creates the deployment and marks it in progress; returns its id, or undefined on failure. */
    async startDeployment(description, payload) {
        const deployment = this.#settings.deployment;
        return this.#attempt('deployment', async () => {
            const created = await this.#octokit.rest.repos.createDeployment({
                ..._actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo,
                ref: _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.sha,
                environment: deployment.environment,
                description: description.slice(0, 140),
                payload,
                auto_merge: false,
                required_contexts: [],
            });
            if (!('id' in created.data))
                throw new Error(`GitHub did not create the deployment: ${created.data.message ?? created.status}`);
            this.#deploymentId = created.data.id;
            await this.#setStatus('in_progress', 'Rolling out');
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Recorded GitHub deployment ${this.#deploymentId} for environment ${deployment.environment}.`);
            return this.#deploymentId;
        });
    }
    async finishDeployment(succeeded, description) {
        if (this.#deploymentId === undefined)
            return;
        await this.#attempt('deployment', () => this.#setStatus(succeeded ? 'success' : 'failure', description));
    }
    /** Creates or updates the one comment on the pull request that holds `marker`; returns its URL. */
    async upsertComment(marker, body) {
        const pull = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.payload.pull_request;
        if (!PULL_REQUEST_EVENTS.has(_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.eventName) || !pull?.number) {
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`pr_comment: the event is ${_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.eventName ?? 'unknown'}, not a pull request; no comment posted.`);
            return undefined;
        }
        const text = `${marker}\n${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(body)}`;
        return this.#attempt('comment', async () => {
            const comments = await this.#octokit.paginate(this.#octokit.rest.issues.listComments, {
                ..._actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo,
                issue_number: pull.number,
                per_page: 100,
            });
            const mine = comments.find((c) => c.body?.includes(marker));
            const answer = mine
                ? await this.#octokit.rest.issues.updateComment({ ..._actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo, comment_id: mine.id, body: text })
                : await this.#octokit.rest.issues.createComment({ ..._actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo, issue_number: pull.number, body: text });
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${mine ? 'Updated' : 'Posted'} the plan comment on pull request #${pull.number}: ${answer.data.html_url}`);
            return answer.data.html_url;
        });
    }
    async #setStatus(state, description) {
        const deployment = this.#settings.deployment;
        await this.#octokit.rest.repos.createDeploymentStatus({
            ..._actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo,
            deployment_id: this.#deploymentId,
            state,
            description: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(description).slice(0, 140),
            log_url: `${_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.serverUrl}/${_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo.owner}/${_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.repo.repo}/actions/runs/${_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.runId}`,
            environment_url: deployment.environmentUrl,
            auto_inactive: deployment.deactivatePrevious,
        });
    }
    async #attempt(feature, fn) {
        try {
            return await fn();
        }
        catch (err) {
            const status = err.status;
            const why = status === 403 || status === 404
                ? `the token lacks permission (HTTP ${status}): add "${PERMISSION[feature]}" to the job's permissions`
                : (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err);
            _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E)(`GitHub ${feature} not recorded: ${why}`));
            return undefined;
        }
    }
}


/***/ })

};
