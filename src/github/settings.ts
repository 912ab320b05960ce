export interface GithubSettings {
  readonly token: string;
  /** Record deploys as GitHub Deployments of this environment (undefined: off). */
  readonly deployment?: {
    readonly environment: string;
    readonly environmentUrl: string | undefined;
    readonly deactivatePrevious: boolean;
  };
  /** Post the run's plan as one sticky comment on the pull request. */
  readonly prComment: boolean;
}
