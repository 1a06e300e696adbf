/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { truncate } from './format.js';
import { Tone } from './inputs/tone.js';
import type { WizardServices, WorkspaceState } from './services.js';
import { CredentialsStep } from './steps/credentials.js';
import { FunnelStep } from './steps/funnel.js';
import { ImportStep } from './steps/import.js';
import { LaunchStep } from './steps/launch.js';
import { PreviewStep } from './steps/preview.js';
import { RehearseStep } from './steps/rehearse.js';
import type { StepKeys, StepProps } from './steps/types.js';
import { WavesStep } from './steps/waves.js';
import { WorkspaceStep } from './steps/workspace.js';

/** The wizard's steps, in order. */
export const STEPS = [
  { id: 'workspace', title: 'Workspace' },
  { id: 'import', title: 'Import' },
  { id: 'credentials', title: 'Targets' },
  { id: 'preview', title: 'Preview' },
  { id: 'waves', title: 'Waves' },
  { id: 'rehearse', title: 'Rehearse' },
  { id: 'launch', title: 'Launch' },
  { id: 'funnel', title: 'Funnel' },
] as const;

/** One step of the wizard. */
export type StepId = (typeof STEPS)[number]['id'];

/** How a wizard session ended. */
export interface WizardResult {
  /** `finished` after the last step, `quit` on `q`, `interrupted` on Ctrl-C. */
  readonly end: 'finished' | 'quit' | 'interrupted';
  readonly done: readonly StepId[];
  readonly skipped: readonly StepId[];
  readonly workspace: string;
}

/** Props of {@link Wizard}. */
export interface WizardProps {
  readonly services: WizardServices;
  /** The workspace folder to start from. */
  readonly dir: string;
  readonly onExit?: (result: WizardResult) => void;
  /** Terminal columns (default: the terminal's, followed on resize); the layout uses 80 at most. */
  readonly columns?: number;
  /** How often the funnel refreshes itself, in ms (0: only on `r`). */
  readonly funnelRefreshMs?: number;
}

/** The step to resume at: the first one the workspace does not show as done. */
export function resumeStep(state: WorkspaceState): StepId {
  if (!state.planExists || state.planError !== undefined) return 'workspace';
  if (state.templates + state.flows + state.contacts === 0) return 'import';
  if (state.campaigns.length > 0) return 'funnel';
  return 'credentials';
}

const STEP_HINTS: Readonly<Record<StepId, string>> = {
  workspace: '↑↓ move · Enter pick',
  import: 'drop files, Enter import',
  credentials: '↑↓ move · Enter edit · c check',
  preview: '↑↓ item · ←→ targets',
  waves: '↑↓ wave · Enter date',
  rehearse: 'Enter start',
  launch: '↑↓ wave · Enter launch',
  funnel: 'r refresh · Enter finish',
};

function StepBar(props: {
  readonly current: StepId;
  readonly done: ReadonlySet<StepId>;
  readonly skipped: ReadonlySet<StepId>;
}) {
  return (
    <Text wrap="truncate-end">
      {STEPS.map((step, index) => {
        const mark =
          step.id === props.current
            ? '›'
            : props.done.has(step.id)
              ? '✓'
              : props.skipped.has(step.id)
                ? '-'
                : '·';
        const label = `${mark}${step.title}`;
        const separator = index === 0 ? '' : ' ';
        if (step.id === props.current)
          return (
            <Text key={step.id}>
              {separator}
              <Tone token="accent" bold>
                {label}
              </Tone>
            </Text>
          );
        return (
          <Text key={step.id}>
            {separator}
            <Tone token={props.done.has(step.id) ? 'success' : 'muted'}>{label}</Tone>
          </Text>
        );
      })}
    </Text>
  );
}

/**
 * The whole wizard: a step bar, the current step and the key line. Tab/Shift-Tab move between
 * steps, Esc goes back, `s` skips, `q` quits (outside text inputs); each step marks itself done.
 */
export function Wizard(props: WizardProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [terminalColumns, setTerminalColumns] = useState(stdout.columns || 80);
  useEffect(() => {
    const resized = () => setTerminalColumns(stdout.columns || 80);
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  const width = Math.max(40, Math.min(props.columns ?? terminalColumns, 80));
  const [workspace, setWorkspace] = useState<WorkspaceState | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [current, setCurrent] = useState<StepId>('workspace');
  const [done, setDone] = useState<ReadonlySet<StepId>>(new Set());
  const [skipped, setSkipped] = useState<ReadonlySet<StepId>>(new Set());
  const [keys, setKeys] = useState<StepKeys>({});

  useEffect(() => {
    props.services.inspect(props.dir).then(
      (state) => {
        setWorkspace(state);
        const resume = resumeStep(state);
        const resumeIndex = STEPS.findIndex((step) => step.id === resume);
        setDone(new Set(STEPS.slice(0, resumeIndex).map((step) => step.id)));
        setCurrent(resume);
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, [props.services, props.dir]);

  const index = STEPS.findIndex((step) => step.id === current);
  const finish = (end: WizardResult['end'], finalDone: ReadonlySet<StepId> = done) => {
    props.onExit?.({
      end,
      done: STEPS.filter((step) => finalDone.has(step.id)).map((step) => step.id),
      skipped: STEPS.filter((step) => skipped.has(step.id)).map((step) => step.id),
      workspace: workspace?.dir ?? props.dir,
    });
    exit();
  };
  const go = (next: number) => {
    const step = STEPS[Math.max(0, Math.min(STEPS.length - 1, next))];
    if (step === undefined) return;
    setKeys({});
    setCurrent(step.id);
  };
  const stepDone = () => {
    const nextDone = new Set(done).add(current);
    setDone(nextDone);
    const nextSkipped = new Set(skipped);
    nextSkipped.delete(current);
    setSkipped(nextSkipped);
    if (index === STEPS.length - 1) finish('finished', nextDone);
    else go(index + 1);
  };

  useInput((input, key) => {
    if (key.tab) {
      go(key.shift ? index - 1 : index + 1);
      return;
    }
    if (key.escape && keys.escape !== true) {
      go(index - 1);
      return;
    }
    if (keys.text === true || key.ctrl || key.meta) return;
    if (input === 'q') finish('quit');
    else if (input === 's' && workspace !== undefined) {
      if (!done.has(current)) setSkipped(new Set(skipped).add(current));
      if (index === STEPS.length - 1) finish('finished');
      else go(index + 1);
    }
  });

  let body: ReactNode;
  if (loadError !== undefined) body = <Tone token="danger">{loadError}</Tone>;
  else if (workspace === undefined) body = <Tone token="muted">Reading the workspace…</Tone>;
  else {
    const stepProps: StepProps = {
      services: props.services,
      workspace,
      setWorkspace,
      onDone: stepDone,
      setKeys,
      width,
    };
    body = (() => {
      switch (current) {
        case 'workspace':
          return <WorkspaceStep {...stepProps} />;
        case 'import':
          return <ImportStep {...stepProps} />;
        case 'credentials':
          return <CredentialsStep {...stepProps} />;
        case 'preview':
          return <PreviewStep {...stepProps} />;
        case 'waves':
          return <WavesStep {...stepProps} />;
        case 'rehearse':
          return <RehearseStep {...stepProps} />;
        case 'launch':
          return <LaunchStep {...stepProps} />;
        case 'funnel':
          return <FunnelStep {...stepProps} refreshMs={props.funnelRefreshMs ?? 2000} />;
      }
    })();
  }
  const shortcuts = keys.text === true ? 'Esc back · Tab next step' : 'Esc back · Tab next · s skip · q quit';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Tone token="accent" bold>
          ferry
        </Tone>
        <Tone token="muted">{`  ${truncate(workspace?.dir ?? props.dir, width - 20)}  ${index + 1}/${STEPS.length}`}</Tone>
      </Text>
      <StepBar current={current} done={done} skipped={skipped} />
      <Box flexDirection="column" marginTop={1} height={18} overflow="hidden">
        {body}
      </Box>
      <Tone token="muted">{truncate(`${STEP_HINTS[current]} · ${shortcuts}`, width)}</Tone>
    </Box>
  );
}
