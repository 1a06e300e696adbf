/** @jsxRuntime automatic @jsxImportSource react */
import type { ImportFileReport } from '@ferry/engine';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { count, parseDroppedPaths, truncate } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { TextInput } from '../inputs/text-input.js';
import { Tone } from '../inputs/tone.js';
import { useEscape } from '../inputs/use-escape.js';
import type { StepProps } from './types.js';

type Phase = 'menu' | 'input' | 'importing';
const SHOWN_FILES = 6;

function summary(report: ImportFileReport): string {
  if (!report.ok) return report.error?.message ?? 'not imported';
  const { counts } = report;
  const parts = [`${count(counts.imported)} imported`];
  if (counts.rejected > 0) parts.push(`${count(counts.rejected)} rejected`);
  if (counts.warnings > 0) parts.push(`${count(counts.warnings)} with warnings`);
  return `${report.kind}: ${parts.join(', ')}`;
}

function FileLine(props: { readonly report: ImportFileReport; readonly width: number }) {
  const { report } = props;
  const name = report.file.split(/[\\/]/).at(-1) ?? report.file;
  const token = !report.ok ? 'danger' : report.counts.rejected > 0 ? 'warning' : 'success';
  const mark = !report.ok ? '✗' : report.counts.rejected > 0 ? '!' : '✓';
  const firstIssue = report.issues.find((issue) => issue.severity === 'error');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Tone token={token}>{mark}</Tone>
        {` ${truncate(name, 28)}  ${summary(report)}`}
      </Text>
      {firstIssue === undefined ? null : (
        <Tone token="muted">
          {truncate(
            `    ${firstIssue.line === undefined ? '' : `line ${firstIssue.line}: `}${firstIssue.reason}`,
            props.width,
          )}
        </Tone>
      )}
      {report.rejectsFile === undefined ? null : (
        <Tone token="muted">{truncate(`    rejects: ${report.rejectsFile}`, props.width)}</Tone>
      )}
    </Box>
  );
}

/** Step 2: drop export files on the terminal (or type paths); each file's counts and rejects show as it lands. */
export function ImportStep(props: StepProps) {
  const { workspace, setKeys } = props;
  const [phase, setPhase] = useState<Phase>('menu');
  const [value, setValue] = useState('');
  const [reports, setReports] = useState<readonly ImportFileReport[]>([]);
  const [running, setRunning] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    setKeys({ text: phase === 'input', escape: phase === 'input' });
  }, [phase, setKeys]);
  useEscape(phase === 'input', () => setPhase('menu'));

  const run = (text: string) => {
    const files = parseDroppedPaths(text);
    if (files.length === 0) {
      setPhase('menu');
      return;
    }
    setValue('');
    setError(undefined);
    setPhase('importing');
    setRunning(`Importing ${files.length} file${files.length === 1 ? '' : 's'}…`);
    props.services
      .importFiles(workspace.dir, files, (report) => {
        setReports((previous) => [...previous, report]);
        // The totals move as each file lands, not only at the end.
        props.services.inspect(workspace.dir).then(props.setWorkspace, () => undefined);
      })
      .then(() => props.services.inspect(workspace.dir))
      .then(
        (state) => {
          props.setWorkspace(state);
          setRunning(undefined);
          setPhase('menu');
        },
        (failure: unknown) => {
          setError(failure instanceof Error ? failure.message : String(failure));
          setRunning(undefined);
          setPhase('menu');
        },
      );
  };
  const shown = reports.slice(-SHOWN_FILES);
  // The same file can be imported twice: each report gets its own key.
  const keys = new Map(reports.map((report, order) => [report, `${order}:${report.file}`]));

  return (
    <Box flexDirection="column">
      <Text bold>Import your WhatsApp exports</Text>
      <Tone token="muted">Templates, Flow JSON, contacts CSV/JSONL, webhook and sent logs.</Tone>
      <Text>
        {'Workspace holds '}
        <Tone token="accent">{`${count(workspace.templates)} templates`}</Tone>
        {', '}
        <Tone token="accent">{`${count(workspace.flows)} flows`}</Tone>
        {', '}
        <Tone token="accent">{`${count(workspace.contacts)} contacts`}</Tone>
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {reports.length > SHOWN_FILES ? (
          <Tone token="muted">{`… ${reports.length - SHOWN_FILES} earlier files`}</Tone>
        ) : null}
        {shown.map((report) => (
          <FileLine key={keys.get(report)} report={report} width={props.width} />
        ))}
        {running === undefined ? null : <Tone token="muted">{running}</Tone>}
      </Box>
      {error === undefined ? null : (
        <Tone token="danger" wrap="wrap">
          {error}
        </Tone>
      )}
      <Box marginTop={1} flexDirection="column">
        {phase === 'menu' ? (
          <SelectList
            items={[
              { value: 'add', label: 'Add files…' },
              { value: 'next', label: 'Continue' },
            ]}
            onSelect={(choice) => (choice === 'add' ? setPhase('input') : props.onDone())}
          />
        ) : null}
        {phase === 'input' ? (
          <>
            <Text>Drag files onto the terminal or type their paths, then Enter:</Text>
            <TextInput
              value={value}
              onChange={setValue}
              onSubmit={run}
              placeholder="exports/templates.json exports/contacts.csv"
              width={props.width - 6}
            />
          </>
        ) : null}
      </Box>
    </Box>
  );
}
