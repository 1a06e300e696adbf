import { createContext, useContext } from 'react';

/** Semantic colour tokens: components say what text means, never which colour it is. */
export type Token = 'accent' | 'success' | 'warning' | 'danger' | 'muted';

/** The colour each token takes, or undefined everywhere when colour is off. */
export interface Theme {
  readonly colour: boolean;
  color(token: Token): string | undefined;
  /** Muted text is dimmed rather than coloured. */
  dim(token: Token): boolean;
}

const COLOURS: Readonly<Record<Token, string | undefined>> = {
  accent: 'cyan',
  success: 'green',
  warning: 'yellow',
  danger: 'red',
  muted: undefined,
};

/**
 * The theme for an environment: no colour at all when `NO_COLOR` is set to anything non-empty.
 * @see https://no-color.org
 */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const colour = env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
  return {
    colour,
    color: (token) => (colour ? COLOURS[token] : undefined),
    dim: (token) => colour && token === 'muted',
  };
}

/** The theme components read; colour on unless a provider says otherwise. */
export const ThemeContext = createContext<Theme>(themeFor({}));

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
