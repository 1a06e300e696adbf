/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { count, localDateTime, truncate } from '../format.js';
import { DatePicker } from '../inputs/date-picker.js';
import { SelectList } from '../inputs/select-list.js';
import { Tone } from '../inputs/tone.js';
import { useEscape } from '../inputs/use-escape.js';
import type { WavePlanView } from '../services.js';
import type { StepProps } from './types.js';

/** Step 5: the notice waves against the WhatsApp budget; Enter on a wave moves it with a date picker. */
export function WavesStep(props: StepProps) {
  const { workspace, services, setKeys } = props;
  const [view, setView] = useState<WavePlanView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<{ readonly wave: string; readonly date: string } | undefined>(
    undefined,
  );
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    services
      .waves(workspace.dir)
      .then(setView, (failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      );
  }, [services, workspace.dir]);
  useEffect(() => {
    setKeys({ escape: editing !== undefined });
  }, [editing, setKeys]);
  useEscape(editing !== undefined, () => setEditing(undefined));

  if (view === undefined)
    return error === undefined ? (
      <Tone token="muted">Checking the plan…</Tone>
    ) : (
      <Tone token="danger" wrap="wrap">
        {error}
      </Tone>
    );
  const zone = view.timezone;
  const cutoff = localDateTime(view.cutoffAt, zone);
  const ok = view.errors.length === 0;
  const save = (date: string) => {
    if (editing === undefined) return;
    if (date >= cutoff.date) {
      // A wave on or after the cutoff would make the plan invalid; say so and keep the picker open.
      setError(`${date} is not before the cutoff (${cutoff.date}): pick an earlier day.`);
      return;
    }
    const wave = editing.wave;
    setError(undefined);
    setEditing(undefined);
    setSaving(true);
    services.setWaveDate(workspace.dir, wave, date).then(
      (next) => {
        setView(next);
        setSaving(false);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setSaving(false);
      },
    );
  };
  return (
    <Box flexDirection="column">
      <Text bold>Plan the notice waves</Text>
      <Tone token="muted">{`Tier ${view.tier} · cutoff ${cutoff.date} ${cutoff.time} (${zone})`}</Tone>
      {editing === undefined ? (
        <Box flexDirection="column" marginTop={1}>
          <SelectList
            limit={6}
            items={[
              ...view.waves.map((wave) => {
                const start = localDateTime(wave.startsAt, zone);
                const end = localDateTime(wave.finishesAt, zone);
                return {
                  value: `wave:${wave.id}`,
                  label: `${wave.beforeCutoff ? '✓' : '✗'} ${truncate(wave.id, 14).padEnd(14)} ${start.date} ${start.time} → ${end.date}`,
                  detail: `${count(wave.audience)} rcpt, ${wave.days}d`,
                  detailTone: wave.beforeCutoff ? ('muted' as const) : ('danger' as const),
                };
              }),
              { value: 'next', label: ok ? 'Continue' : 'Continue anyway' },
            ]}
            onSelect={(choice) => {
              if (choice === 'next') {
                props.onDone();
                return;
              }
              const wave = view.waves.find((candidate) => `wave:${candidate.id}` === choice);
              if (wave !== undefined)
                setEditing({ wave: wave.id, date: localDateTime(wave.startsAt, zone).date });
            }}
          />
        </Box>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <Text>{`Move ${editing.wave} to (cutoff marked !):`}</Text>
          <DatePicker
            value={editing.date}
            marked={cutoff.date}
            onChange={(date) => setEditing({ ...editing, date })}
            onSubmit={save}
          />
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        {saving ? <Tone token="muted">Saving the plan and checking the budget…</Tone> : null}
        {ok ? <Tone token="success">✓ Budget check: every wave finishes before the cutoff.</Tone> : null}
        {view.errors.slice(0, 2).map((message) => (
          <Tone key={message} token="danger">
            {truncate(`✗ ${message}`, props.width)}
          </Tone>
        ))}
        {view.warnings.slice(0, 2).map((message) => (
          <Tone key={message} token="warning">
            {truncate(`! ${message}`, props.width)}
          </Tone>
        ))}
        {error === undefined ? null : <Tone token="danger">{truncate(error, props.width)}</Tone>}
      </Box>
    </Box>
  );
}
