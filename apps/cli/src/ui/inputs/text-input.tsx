/** @jsxRuntime automatic @jsxImportSource react */
import { Text, useInput } from 'ink';
import { useRef } from 'react';
import { Tone } from './tone.js';

/** Props of {@link TextInput}: a controlled one-line input. */
export interface TextInputProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onSubmit: (value: string) => void;
  /** Show a bullet per character instead of the value (secrets). */
  readonly mask?: boolean;
  readonly placeholder?: string;
  readonly isActive?: boolean;
  /** Characters shown at most; the start scrolls out of view. */
  readonly width?: number;
}

/** A one-line text input: typing and pasting append, Backspace deletes, Ctrl-U clears, Enter submits. */
export function TextInput(props: TextInputProps) {
  const active = props.isActive !== false;
  // Keys can arrive faster than renders (typing into a busy terminal): edit the latest value.
  const latest = useRef(props.value);
  latest.current = props.value;
  const change = (value: string) => {
    latest.current = value;
    props.onChange(value);
  };
  useInput(
    (input, key) => {
      if (key.return) {
        props.onSubmit(latest.current);
        return;
      }
      if (key.backspace || key.delete) {
        change(latest.current.slice(0, -1));
        return;
      }
      if (key.ctrl && input === 'u') {
        change('');
        return;
      }
      if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow) return;
      if (key.leftArrow || key.rightArrow || input === '') return;
      // A terminal delivers a paste (or a dropped file's path) as one chunk, with its line breaks.
      change(latest.current + input.replace(/[\r\n]+/g, ' '));
    },
    { isActive: active },
  );
  const shown = props.mask === true ? '•'.repeat(props.value.length) : props.value;
  const width = props.width ?? 60;
  const visible = shown.length > width ? `…${shown.slice(shown.length - width + 1)}` : shown;
  return (
    <Text wrap="truncate-end">
      <Tone token="accent">{'› '}</Tone>
      {visible === '' && props.placeholder !== undefined ? (
        <Tone token="muted">{props.placeholder}</Tone>
      ) : (
        visible
      )}
      {active ? <Text inverse> </Text> : null}
    </Text>
  );
}
