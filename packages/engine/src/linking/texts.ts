/** What the link service answers on the target channel; translate by overriding any of them. */
export interface LinkTexts {
  /** Sent after a successful link when no `welcome` message is configured. */
  readonly welcome: string;
  readonly expired: string;
  readonly reused: string;
  /** A token we never issued, one that was altered, or text that is not a token. */
  readonly unknown: string;
  /** This account is already linked to someone else, or the contact to another account. */
  readonly conflict: string;
  /** A shared phone number or e-mail that matches no contact. */
  readonly notFound: string;
}

/** The default (English) texts. */
export const DEFAULT_LINK_TEXTS: LinkTexts = {
  welcome: 'You are all set: this is where we talk from now on. Send a message any time.',
  expired: 'This link has expired. Reply to our last WhatsApp message or ask us for a new one.',
  reused: 'This link was already used. If that was not you, ask us for a new one.',
  unknown: 'We did not recognise this link. Please open the exact link we sent you, or ask us for a new one.',
  conflict: 'This account is already linked to a different profile. Please contact us so we can sort it out.',
  notFound: 'We could not find you by that. Please open the personal link we sent you on WhatsApp instead.',
};
