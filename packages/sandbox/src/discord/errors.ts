import type { EmulatorResponse } from '../shared/emulator.js';

/** One field error as Discord lists it under `_errors`. */
export interface DiscordFieldError {
  readonly code: string;
  readonly message: string;
}

/** Discord's nested form-error tree: path segments as keys, `_errors` at the leaves. */
export interface DiscordErrorTree {
  _errors?: DiscordFieldError[];
  [segment: string]: DiscordErrorTree | DiscordFieldError[] | undefined;
}

/**
 * Collects field errors into Discord's nested `errors` shape
 * (`{embeds:{0:{title:{_errors:[{code,message}]}}}}`) for a 50035 "Invalid Form Body".
 * @see PLATFORMS.md §4.3 (error body shape)
 */
export class FormErrors {
  private readonly tree: DiscordErrorTree = {};
  private count = 0;

  constructor(private readonly prefix: readonly (string | number)[] = []) {}

  add(path: readonly (string | number)[], error: DiscordFieldError): void {
    let node = this.tree;
    for (const segment of [...this.prefix, ...path]) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: DiscordErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    node._errors = [...(node._errors ?? []), error];
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  toJSON(): DiscordErrorTree {
    return this.tree;
  }
}

/** `Must be N or fewer in length.` */
export function maxLength(limit: number): DiscordFieldError {
  return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
}

/** `Must be between MIN and MAX in length.` */
export function badLength(min: number, max: number): DiscordFieldError {
  return { code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` };
}

/** `This field is required` */
export const required: DiscordFieldError = { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };

/** A JSON error in Discord's `{message, code}` shape, with optional form `errors`. */
export function discordError(
  status: number,
  code: number,
  message: string,
  errors?: FormErrors,
  headers?: Readonly<Record<string, string>>,
): EmulatorResponse {
  return {
    status,
    ...(headers === undefined ? {} : { headers }),
    body: errors === undefined ? { message, code } : { message, code, errors: errors.toJSON() },
  };
}

/** 400 50035 with the collected field errors. */
export function invalidFormBody(errors: FormErrors): EmulatorResponse {
  return discordError(400, 50035, 'Invalid Form Body', errors);
}

/** The error codes and messages the emulator answers with (Discord's JSON error codes). */
export const DiscordErrors = {
  unauthorized: { status: 401, code: 0, message: '401: Unauthorized' },
  notFound: { status: 404, code: 0, message: '404: Not Found' },
  methodNotAllowed: { status: 405, code: 0, message: '405: Method Not Allowed' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  unknownMessage: { status: 404, code: 10008, message: 'Unknown Message' },
  unknownEmoji: { status: 400, code: 10014, message: 'Unknown Emoji' },
  requestTooLarge: { status: 413, code: 40005, message: 'Request entity too large' },
  unknownUser: { status: 404, code: 10013, message: 'Unknown User' },
  unknownWebhook: { status: 404, code: 10015, message: 'Unknown Webhook' },
  unknownInteraction: { status: 404, code: 10062, message: 'Unknown interaction' },
  unknownApplication: { status: 404, code: 10002, message: 'Unknown Application' },
  dmOpenTooFast: { status: 403, code: 40003, message: 'You are opening direct messages too fast' },
  alreadyAcknowledged: { status: 400, code: 40060, message: 'Interaction has already been acknowledged.' },
  emptyMessage: { status: 400, code: 50006, message: 'Cannot send an empty message' },
  cannotMessageUser: { status: 403, code: 50007, message: 'Cannot send messages to this user' },
  invalidFormBody: { status: 400, code: 50035, message: 'Invalid Form Body' },
} as const;

/** A response for one of the fixed errors above. */
export function fixedError(error: (typeof DiscordErrors)[keyof typeof DiscordErrors]): EmulatorResponse {
  return discordError(error.status, error.code, error.message);
}
