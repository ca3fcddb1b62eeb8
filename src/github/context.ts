// The run's GitHub context from the runner's environment and event payload (pure: no I/O).

export interface RunContext {
  /** The run is on GitHub Actions with a repository and commit to attach results to. */
  onGitHub: boolean;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  apiUrl: string;
  /** A pull request from a fork: the token is read-only. */
  isForkPullRequest: boolean;
  /** A run triggered by Dependabot: the token is read-only. */
  isDependabot: boolean;
}

interface EventPayload {
  sender?: { login?: string };
  pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null } };
}

/**
 * The run's repository, commit and ref. On a pull request whose head commit is checked out (instead of the default
 * merge commit), results belong to `refs/pull/N/head` at that commit, as upload-sarif also decides.
 */
export function runContext(env: NodeJS.ProcessEnv, event: EventPayload | undefined, checkedOutSha?: string): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pr = event?.pull_request;
  const headRepo = pr?.head?.repo;
  const isForkPullRequest = !!pr && (headRepo === null || headRepo?.fork === true || (!!headRepo?.full_name && headRepo.full_name !== env.GITHUB_REPOSITORY));
  const headSha = pr?.head?.sha;
  const onHead = !!pr && typeof pr.number === 'number' && !!headSha && checkedOutSha === headSha && headSha !== env.GITHUB_SHA;
  return {
    onGitHub: env.GITHUB_ACTIONS === 'true' && !!owner && !!repo && !!env.GITHUB_SHA && !!env.GITHUB_REF,
    owner,
    repo,
    sha: onHead ? headSha : (env.GITHUB_SHA ?? ''),
    ref: onHead ? `refs/pull/${pr.number}/head` : (env.GITHUB_REF ?? ''),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    isForkPullRequest,
    isDependabot: env.GITHUB_ACTOR === 'dependabot[bot]' || event?.sender?.login === 'dependabot[bot]',
  };
}
