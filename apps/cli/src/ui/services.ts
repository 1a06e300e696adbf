import type { FidelityNote } from '@ferry/core';
import type { CampaignProgress, FunnelReport, ImportFileReport } from '@ferry/engine';

/** A channel the wizard sets credentials for: the targets and WhatsApp itself. */
export type WizardChannel = 'telegram' | 'slack' | 'discord' | 'whatsapp';

/** What the workspace already holds: the wizard resumes at the first step that is not done. */
export interface WorkspaceState {
  readonly dir: string;
  readonly planExists: boolean;
  /** The plan's name when it loads. */
  readonly planName?: string;
  /** The plan's first error when it does not load. */
  readonly planError?: string;
  readonly targets: readonly WizardChannel[];
  readonly templates: number;
  readonly flows: number;
  readonly contacts: number;
  /** Campaign ids already in the store (a launched wave). */
  readonly campaigns: readonly string[];
}

/** One credential field of a channel; secret fields are typed masked. */
export interface CredentialField {
  readonly name: string;
  readonly secret: boolean;
  /** Whether a value is stored or in the environment (the value itself is never shown). */
  readonly set: boolean;
}

/** Whose credentials a channel holds, or why they do not work (never a secret). */
export type CredentialStatus =
  | { readonly channel: WizardChannel; readonly ok: true; readonly name: string; readonly handle?: string }
  | { readonly channel: WizardChannel; readonly ok: false; readonly message: string; readonly hint?: string };

/** One target's rendering of a catalog item. */
export interface PreviewRendering {
  readonly target: WizardChannel;
  /** The text a user would read there, reconstructed from the native requests. */
  readonly text: string;
  /** The API methods called (`sendMessage`, `chat.postMessage`…). */
  readonly methods: readonly string[];
  readonly notes: readonly FidelityNote[];
}

/** A template or flow: the WhatsApp original and each target's rendering. */
export interface PreviewEntry {
  readonly item: string;
  readonly kind: 'template' | 'flow';
  readonly language?: string;
  readonly original: string;
  readonly renderings: readonly PreviewRendering[];
}

/** One notice wave as planned: when it starts, its audience and whether it finishes before the cutoff. */
export interface WaveRow {
  readonly id: string;
  readonly startsAt: number;
  readonly finishesAt: number;
  readonly audience: number;
  readonly days: number;
  readonly template: string;
  readonly beforeCutoff: boolean;
}

/** The waves, the cutoff and the budget check's verdicts. */
export interface WavePlanView {
  readonly timezone: string;
  readonly cutoffAt: number;
  readonly tier: string;
  readonly waves: readonly WaveRow[];
  /** Plan and schedule errors (a wave that misses the cutoff, a broken plan). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** A finished campaign run (a rehearsal or a wave), as the summary line shows it. */
export interface RunSummary {
  readonly campaignId: string;
  readonly end: string;
  readonly sent: number;
  readonly failed: number;
  readonly failedByReason: Readonly<Record<string, number>>;
}

/** One thing a rehearsal did (imported, started the emulators, sent a wave, played the users). */
export interface RehearsalEvent {
  readonly label: string;
  readonly detail: string;
  readonly ok: boolean;
}

/** How a rehearsal ended: what it did and the funnel it produced. */
export interface RehearsalOutcome {
  readonly events: readonly RehearsalEvent[];
  readonly funnel?: FunnelReport;
}

/** Progress of a run: the engine's campaign progress. */
export type RunProgress = CampaignProgress;

/**
 * Everything the wizard does, as the CLI's services do it; `createWizardServices` (adapter.ts) maps
 * these onto `src/services/`, tests may pass the same adapter on a temporary workspace.
 */
export interface WizardServices {
  /** Reads what the workspace at `dir` holds (no plan is not an error). */
  inspect(dir: string): Promise<WorkspaceState>;
  /** Writes a fresh plan for these targets (first is the default) and the `.ferry/` folder. */
  createWorkspace(dir: string, targets: readonly WizardChannel[]): Promise<WorkspaceState>;
  /** Imports files one after the other, reporting each as it finishes; a bad file is a report, not a throw. */
  importFiles(
    dir: string,
    files: readonly string[],
    onFile: (report: ImportFileReport) => void,
  ): Promise<readonly ImportFileReport[]>;
  /** The credential fields of a channel and whether each is set. */
  credentialFields(channel: WizardChannel): Promise<readonly CredentialField[]>;
  /** Stores credential fields of a channel (mode 0600). */
  setCredentials(channel: WizardChannel, values: Readonly<Record<string, string>>): Promise<void>;
  /** Asks the platform whose credentials these are (whoAmI). */
  checkCredentials(dir: string, channel: WizardChannel): Promise<CredentialStatus>;
  /** Every imported template and flow, rendered for each target. */
  preview(dir: string, targets: readonly WizardChannel[]): Promise<readonly PreviewEntry[]>;
  /** The plan's waves with the budget check. */
  waves(dir: string): Promise<WavePlanView>;
  /** Moves a wave to another day (keeping its time of day) in the plan file, and checks the budget again. */
  setWaveDate(dir: string, waveId: string, date: string): Promise<WavePlanView>;
  /** A whole migration on local emulators (the workspace's own store untouched), reporting each step. */
  rehearse(
    dir: string,
    onEvent: (event: RehearsalEvent) => void,
    signal: AbortSignal,
  ): Promise<RehearsalOutcome>;
  /** Sends one wave's notice over WhatsApp (resuming an interrupted run), reporting progress. */
  launch(
    dir: string,
    waveId: string,
    onProgress: (progress: RunProgress) => void,
    signal: AbortSignal,
  ): Promise<RunSummary>;
  /** The funnel: notified, delivered, read, linked, active. */
  funnel(dir: string): Promise<FunnelReport>;
}
