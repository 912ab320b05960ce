import type { EmulatorReply, EmulatorRequest } from './http.ts';

// A fake of the few GitHub REST endpoints the action uses: deployments, deployment statuses,
// issue comments and the token's user. Tests point GITHUB_API_URL at the emulator to reach it.
// Not in docs/platform-facts.md (GitHub is not one of the platforms): it follows GitHub's REST
// documentation. Faults (5xx, 403 with x-ratelimit-* headers, silence) come from emulator/faults.ts.

export interface FakeDeployment {
  readonly id: number;
  readonly body: Record<string, unknown>;
  readonly statuses: Record<string, unknown>[];
}

export interface FakeComment {
  readonly id: number;
  readonly issue: number;
  body: string;
  readonly html_url: string;
  readonly user: { readonly login: string };
}

/** Who an installation token (GITHUB_TOKEN) writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

export class GithubFake {
  readonly deployments: FakeDeployment[] = [];
  readonly comments: FakeComment[] = [];
  /** The Authorization header of every request, to prove which token was used. */
  readonly authorizations: string[] = [];
  /** Personal access tokens and the login each acts as; any other token is an installation token. */
  readonly users = new Map<string, string>();
  #nextId = 1000;

  handles(path: string): boolean {
    return path.startsWith('/repos/') || path === '/user';
  }

  /** A comment written by someone, as if before the run. */
  addComment(issue: number, body: string, login: string): FakeComment {
    const id = this.#nextId++;
    const comment = { id, issue, body, user: { login }, html_url: `https://github.com/octo-org/shop-api/pull/${issue}#issuecomment-${id}` };
    this.comments.push(comment);
    return comment;
  }

  handle(req: EmulatorRequest): EmulatorReply {
    const authorization = String(req.headers.authorization ?? '');
    this.authorizations.push(authorization);
    const login = this.users.get(authorization.replace(/^token /, ''));
    if (req.path === '/user') {
      // GitHub answers an installation token's GET /user with 403: it is not a user.
      return login
        ? { status: 200, json: { login, type: 'User' } }
        : { status: 403, json: { message: 'Resource not accessible by integration' } };
    }
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const [, , owner, repo, ...rest] = req.path.split('/');
    const route = `${req.method} ${rest.join('/')}`;
    let m: RegExpMatchArray | null;

    if (route === 'POST deployments') {
      const deployment: FakeDeployment = { id: this.#nextId++, body, statuses: [] };
      this.deployments.push(deployment);
      return { status: 201, json: { id: deployment.id, ...body } };
    }
    if ((m = route.match(/^POST deployments\/(\d+)\/statuses$/))) {
      const deployment = this.deployments.find((d) => d.id === Number(m![1]));
      if (!deployment) return { status: 404, json: { message: 'Not Found' } };
      deployment.statuses.push(body);
      return { status: 201, json: { id: this.#nextId++, ...body } };
    }
    if ((m = route.match(/^GET issues\/(\d+)\/comments$/))) {
      const perPage = Number(req.query.get('per_page') ?? 30);
      const page = Number(req.query.get('page') ?? 1);
      const all = this.comments.filter((c) => c.issue === Number(m![1]));
      return { status: 200, json: all.slice((page - 1) * perPage, page * perPage) };
    }
    if ((m = route.match(/^POST issues\/(\d+)\/comments$/))) {
      const id = this.#nextId++;
      const comment: FakeComment = {
        id,
        issue: Number(m[1]),
        body: String(body.body),
        html_url: `https://github.com/${owner}/${repo}/pull/${m[1]}#issuecomment-${id}`,
        user: { login: login ?? ACTIONS_BOT },
      };
      this.comments.push(comment);
      return { status: 201, json: comment };
    }
    if ((m = route.match(/^DELETE issues\/comments\/(\d+)$/))) {
      const at = this.comments.findIndex((c) => c.id === Number(m![1]));
      if (at < 0) return { status: 404, json: { message: 'Not Found' } };
      this.comments.splice(at, 1);
      return { status: 204, raw: '' };
    }
    if ((m = route.match(/^PATCH issues\/comments\/(\d+)$/))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return { status: 404, json: { message: 'Not Found' } };
      comment.body = String(body.body);
      return { status: 200, json: comment };
    }
    return { status: 404, json: { message: `Not Found: ${route}` } };
  }
}
