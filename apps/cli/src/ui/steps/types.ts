import type { WizardServices, WorkspaceState } from '../services.js';

/** Which keys a step takes for itself, so the wizard's own shortcuts stay out of its way. */
export interface StepKeys {
  /** Typed characters go to an input: `q` and `s` are letters, not shortcuts. */
  readonly text?: boolean;
  /** The step closes its own sub-view on Esc instead of going back a step. */
  readonly escape?: boolean;
}

/** What every step component receives. */
export interface StepProps {
  readonly services: WizardServices;
  /** The workspace as last read; steps update it after changing it. */
  readonly workspace: WorkspaceState;
  readonly setWorkspace: (state: WorkspaceState) => void;
  /** Marks the step done and moves on. */
  readonly onDone: () => void;
  readonly setKeys: (keys: StepKeys) => void;
  /** Usable columns (80 at most). */
  readonly width: number;
}
