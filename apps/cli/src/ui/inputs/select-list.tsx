/** @jsxRuntime automatic @jsxImportSource react */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Token } from '../theme.js';
import { Tone } from './tone.js';

/** One row of a {@link SelectList}. */
export interface SelectItem<T extends string> {
  readonly value: T;
  readonly label: string;
  /** A short note after the label (a status, a count). */
  readonly detail?: string;
  readonly detailTone?: Token;
}

/** Props of {@link SelectList}. */
export interface SelectListProps<T extends string> {
  readonly items: readonly SelectItem<T>[];
  readonly onSelect: (value: T) => void;
  readonly onHighlight?: (value: T) => void;
  readonly isActive?: boolean;
  /** Rows shown at once; the list scrolls to keep the highlighted row visible. */
  readonly limit?: number;
  /** Rows that can be ticked with Space (a multi-select); Enter then submits. */
  readonly checked?: ReadonlySet<T>;
  readonly onToggle?: (value: T) => void;
  readonly initialIndex?: number;
}

/** A keyboard list: ↑/↓ move, Space ticks (multi-select), Enter picks. */
export function SelectList<T extends string>(props: SelectListProps<T>) {
  const [index, setIndex] = useState(Math.min(props.initialIndex ?? 0, Math.max(0, props.items.length - 1)));
  // Keys can arrive faster than renders (a burst, a paste): the handler reads the latest index.
  const latest = useRef(index);
  const limit = props.limit ?? 8;
  const move = (next: number) => {
    const clamped = Math.max(0, Math.min(props.items.length - 1, next));
    latest.current = clamped;
    setIndex(clamped);
    const item = props.items[clamped];
    if (item !== undefined) props.onHighlight?.(item.value);
  };
  useInput(
    (input, key) => {
      const current = Math.min(latest.current, props.items.length - 1);
      if (key.upArrow) move(current - 1);
      else if (key.downArrow) move(current + 1);
      else if (input === ' ' && props.onToggle !== undefined) {
        const item = props.items[current];
        if (item !== undefined) props.onToggle(item.value);
      } else if (key.return) {
        const item = props.items[current];
        if (item !== undefined) props.onSelect(item.value);
      }
    },
    { isActive: props.isActive !== false },
  );
  const shownIndex = Math.min(index, Math.max(0, props.items.length - 1));
  const start = Math.max(0, Math.min(shownIndex - Math.floor(limit / 2), props.items.length - limit));
  const shown = props.items.slice(start, start + limit);
  return (
    <Box flexDirection="column">
      {start > 0 ? <Tone token="muted">{`  ↑ ${start} more`}</Tone> : null}
      {shown.map((item, offset) => {
        const highlighted = start + offset === shownIndex;
        const tick = props.checked === undefined ? '' : props.checked.has(item.value) ? '[x] ' : '[ ] ';
        return (
          <Text key={item.value} wrap="truncate-end">
            {highlighted ? <Tone token="accent">{'❯ '}</Tone> : '  '}
            {tick}
            {highlighted ? (
              <Tone token="accent" bold>
                {item.label}
              </Tone>
            ) : (
              item.label
            )}
            {item.detail === undefined ? null : (
              <Tone token={item.detailTone ?? 'muted'}>{`  ${item.detail}`}</Tone>
            )}
          </Text>
        );
      })}
      {start + limit < props.items.length ? (
        <Tone token="muted">{`  ↓ ${props.items.length - start - limit} more`}</Tone>
      ) : null}
    </Box>
  );
}
