import type { Form } from '@ferry/core';

/** A form a sent message can open, with the `flow_token` its result will carry. */
export interface StoredForm {
  readonly form: Form;
  readonly flowToken: string;
}

/** One user's run through a form: where they are and what they answered so far. */
export interface FormSession {
  readonly id: string;
  readonly formId: string;
  readonly flowToken: string;
  readonly userId: string;
  readonly conversationId?: string;
  readonly screen: string;
  /** Answers of the screens submitted so far, by field name. */
  readonly answers: Readonly<Record<string, unknown>>;
  /** `${data.x}` values passed by `navigate` payloads. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Views in this session's modal stack (Slack allows 3). */
  readonly depth?: number;
}

/**
 * Where the Slack channel keeps form definitions (keyed per form and conversation) and open
 * sessions; inject a persistent one to survive restarts or run several processes.
 */
export interface FormSessionStore {
  putForm(key: string, form: StoredForm): Promise<void>;
  getForm(key: string): Promise<StoredForm | undefined>;
  putSession(session: FormSession): Promise<void>;
  getSession(id: string): Promise<FormSession | undefined>;
  deleteSession(id: string): Promise<void>;
}

/** The default {@link FormSessionStore}: two bounded maps in this process (oldest entries evicted). */
export class InMemoryFormSessionStore implements FormSessionStore {
  readonly #forms = new Map<string, StoredForm>();
  readonly #sessions = new Map<string, FormSession>();

  /** Keeps at most `maxEntries` forms and as many sessions. */
  constructor(private readonly maxEntries = 10_000) {}

  async putForm(key: string, form: StoredForm): Promise<void> {
    bounded(this.#forms, key, form, this.maxEntries);
  }

  async getForm(key: string): Promise<StoredForm | undefined> {
    return this.#forms.get(key);
  }

  async putSession(session: FormSession): Promise<void> {
    bounded(this.#sessions, session.id, session, this.maxEntries);
  }

  async getSession(id: string): Promise<FormSession | undefined> {
    return this.#sessions.get(id);
  }

  async deleteSession(id: string): Promise<void> {
    this.#sessions.delete(id);
  }
}

function bounded<T>(map: Map<string, T>, key: string, value: T, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
