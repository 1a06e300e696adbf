/** How much a fidelity note matters: `info` changed shape only, `degraded` lost some function, `lost` dropped content. */
export type Severity = 'info' | 'degraded' | 'lost';

/**
 * One thing `fit` or a channel's renderer changed, with where (a JSON-path-like string into the
 * neutral message, e.g. `buttons[3]`, `text`, `form.screens[1].blocks[0]`) and why, in plain words.
 */
export interface FidelityNote {
  readonly severity: Severity;
  readonly path: string;
  readonly reason: string;
}
