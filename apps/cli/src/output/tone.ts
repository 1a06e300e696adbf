/** Semantic colour tokens: commands say what a piece of text means, never which colour it is. */
export type Tone = 'success' | 'warning' | 'error' | 'muted' | 'emphasis' | 'code';

const ANSI: Readonly<Record<Tone, readonly [number, number]>> = {
  success: [32, 39],
  warning: [33, 39],
  error: [31, 39],
  muted: [2, 22],
  emphasis: [1, 22],
  code: [36, 39],
};

/** Paints text in a tone, or returns it unchanged when colour is off. */
export type Painter = (tone: Tone, text: string) => string;

/**
 * Whether to colour: never with `NO_COLOR` (any value) or a non-terminal, always with `FORCE_COLOR`
 * other than `0`. @see https://no-color.org
 */
export function colourEnabled(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0';
  return isTerminal;
}

/** A painter that colours with ANSI escapes when `enabled`, else leaves text alone. */
export function painter(enabled: boolean): Painter {
  if (!enabled) return (_tone, text) => text;
  return (tone, text) => {
    const [open, close] = ANSI[tone];
    return `\u001B[${open}m${text}\u001B[${close}m`;
  };
}
