/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { truncate } from '../format.js';
import { SelectList } from '../inputs/select-list.js';
import { TextInput } from '../inputs/text-input.js';
import { Tone } from '../inputs/tone.js';
import { useEscape } from '../inputs/use-escape.js';
import type { CredentialField, CredentialStatus, WizardChannel } from '../services.js';
import type { StepProps } from './types.js';

type Status = CredentialStatus | 'checking' | undefined;

function statusDetail(status: Status): {
  readonly text: string;
  readonly tone: 'success' | 'danger' | 'muted';
} {
  if (status === undefined) return { text: 'not checked', tone: 'muted' };
  if (status === 'checking') return { text: 'checking…', tone: 'muted' };
  if (status.ok)
    return {
      text: `✓ ${status.name}${status.handle === undefined ? '' : ` (@${status.handle})`}`,
      tone: 'success',
    };
  return { text: `✗ ${status.message}`, tone: 'danger' };
}

interface Form {
  readonly channel: WizardChannel;
  readonly fields: readonly CredentialField[];
  readonly index: number;
  readonly values: Readonly<Record<string, string>>;
}

/** Step 3: each target (and WhatsApp) with whose credentials it holds, checked live; Enter types new ones, masked. */
export function CredentialsStep(props: StepProps) {
  const { workspace, services, setKeys } = props;
  const channels: readonly WizardChannel[] = [...workspace.targets, 'whatsapp'];
  const [statuses, setStatuses] = useState<Readonly<Partial<Record<WizardChannel, Status>>>>({});
  const [form, setForm] = useState<Form | undefined>(undefined);
  const [input, setInput] = useState('');

  const check = (channel: WizardChannel) => {
    setStatuses((previous) => ({ ...previous, [channel]: 'checking' }));
    return services.checkCredentials(workspace.dir, channel).then(
      (status) => setStatuses((previous) => ({ ...previous, [channel]: status })),
      (failure: unknown) =>
        setStatuses((previous) => ({
          ...previous,
          [channel]: {
            channel,
            ok: false,
            message: failure instanceof Error ? failure.message : String(failure),
          },
        })),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: checks once when the step opens
  useEffect(() => {
    let chain = Promise.resolve();
    for (const channel of channels) chain = chain.then(() => check(channel));
  }, []);
  useEffect(() => {
    setKeys({ text: form !== undefined, escape: form !== undefined });
  }, [form, setKeys]);
  useEscape(form !== undefined, () => setForm(undefined));
  const [highlighted, setHighlighted] = useState<WizardChannel | 'next'>(channels[0] ?? 'next');
  useInput(
    (input) => {
      if (input === 'c' && highlighted !== 'next') check(highlighted);
    },
    { isActive: form === undefined },
  );

  const edit = (channel: WizardChannel) => {
    services.credentialFields(channel).then((fields) => {
      setInput('');
      setForm({ channel, fields, index: 0, values: {} });
    });
  };
  const submitField = (value: string) => {
    if (form === undefined) return;
    const field = form.fields[form.index];
    const values =
      field === undefined || value === '' ? form.values : { ...form.values, [field.name]: value };
    setInput('');
    if (form.index + 1 < form.fields.length) {
      setForm({ ...form, index: form.index + 1, values });
      return;
    }
    const channel = form.channel;
    setForm(undefined);
    if (Object.keys(values).length === 0) return;
    services.setCredentials(channel, values).then(
      () => check(channel),
      (failure: unknown) =>
        setStatuses((previous) => ({
          ...previous,
          [channel]: {
            channel,
            ok: false,
            message: failure instanceof Error ? failure.message : String(failure),
          },
        })),
    );
  };

  return (
    <Box flexDirection="column">
      <Text bold>Targets and credentials</Text>
      <Tone token="muted">
        Stored in your config folder (mode 0600), never in the plan. Each is checked live.
      </Tone>
      <Box marginTop={1} flexDirection="column">
        {form === undefined ? (
          <SelectList
            items={[
              ...channels.map((channel) => {
                const detail = statusDetail(statuses[channel]);
                return {
                  value: channel as WizardChannel | 'next',
                  label: channel.padEnd(9),
                  detail: truncate(detail.text, props.width - 16),
                  detailTone: detail.tone,
                };
              }),
              { value: 'next' as const, label: 'Continue' },
            ]}
            onHighlight={setHighlighted}
            onSelect={(choice) => (choice === 'next' ? props.onDone() : edit(choice))}
          />
        ) : (
          <Box flexDirection="column">
            <Text>{`${form.channel}: type each field, Enter keeps the current value, Esc cancels`}</Text>
            {form.fields.map((field, index) => (
              <Text key={field.name} wrap="truncate-end">
                {index === form.index ? <Tone token="accent">{'❯ '}</Tone> : '  '}
                {field.name}
                <Tone token="muted">{`${field.secret ? ' (secret)' : ''}${field.set ? ' · set' : ''}${form.values[field.name] === undefined ? '' : ' · new'}`}</Tone>
              </Text>
            ))}
            <Box marginTop={1}>
              <TextInput
                value={input}
                onChange={setInput}
                onSubmit={submitField}
                mask={form.fields[form.index]?.secret === true}
                width={props.width - 8}
              />
            </Box>
          </Box>
        )}
      </Box>
    </Box>
  );
}
