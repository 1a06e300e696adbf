/** @jsxRuntime automatic @jsxImportSource react */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { type Token, useTheme } from '../theme.js';

/** Text in a semantic tone (no colour under NO_COLOR). */
export function Tone(props: {
  readonly token: Token;
  readonly bold?: boolean;
  readonly wrap?: 'truncate-end' | 'wrap';
  readonly children: ReactNode;
}) {
  const theme = useTheme();
  const color = theme.color(props.token);
  return (
    <Text
      {...(color === undefined ? {} : { color })}
      dimColor={theme.dim(props.token)}
      bold={props.bold === true && theme.colour}
      wrap={props.wrap ?? 'truncate-end'}
    >
      {props.children}
    </Text>
  );
}
