/**
 * Whole messages read as a request to stop, compared after {@link normaliseForOptOut} (case, accents,
 * punctuation and spacing ignored): "STOP", " stop! ", "Opt-out" all match. English first, then the
 * usual words in Spanish, Portuguese, Italian, French and German, since many assistants served those users.
 * Words that often mean something else in a chat with an assistant ("cancel", "end", "quit") are left out.
 * @see PLATFORMS.md §1.7 (opt-out requests must be honoured)
 */
export const OPT_OUT_KEYWORDS: readonly string[] = [
  'stop',
  'stop all',
  'stopall',
  'stop promotions',
  'stop promos',
  'stop messages',
  'stop marketing',
  'unsubscribe',
  'unsubscribe all',
  'unsubscribe from all',
  'unsub',
  'opt out',
  'optout',
  'parar',
  'baja',
  'darme de baja',
  'desuscribir',
  'cancelar suscripcion',
  'descadastrar',
  'disiscrivi',
  'disiscriviti',
  'desabonner',
  'se desabonner',
  'abmelden',
];

/**
 * Button texts or payloads that start with one of these words (after normalising) are opt-out taps:
 * "Stop promotions", "Unsubscribe from All", "Opt out".
 * @see PLATFORMS.md §1.1 "`button`" (template opt-out buttons come back as `button{payload, text}`)
 */
export const OPT_OUT_BUTTON_PREFIXES: readonly string[] = ['stop', 'unsubscribe', 'opt out', 'optout'];

/** Lower case, no accents, punctuation as spaces, spacing collapsed: `" Opt-Out! "` gives `opt out`. */
export function normaliseForOptOut(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when a whole text message is a stop keyword. */
export function isOptOutKeyword(text: string, keywords: readonly string[] = OPT_OUT_KEYWORDS): boolean {
  const normalised = normaliseForOptOut(text);
  return normalised !== '' && keywords.some((keyword) => normaliseForOptOut(keyword) === normalised);
}

/** True when a tapped button's text or payload asks to stop. */
export function isOptOutButton(label: string, keywords: readonly string[] = OPT_OUT_KEYWORDS): boolean {
  if (isOptOutKeyword(label, keywords)) return true;
  const normalised = normaliseForOptOut(label);
  return OPT_OUT_BUTTON_PREFIXES.some(
    (prefix) => normalised === prefix || normalised.startsWith(`${prefix} `),
  );
}
