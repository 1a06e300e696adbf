import type { Form } from '@ferry/core';
import type { FormSession, FormSessionStore } from '../types.js';

/** The default {@link FormSessionStore}: everything in this process's memory. */
export class MemoryFormSessionStore implements FormSessionStore {
  readonly #forms = new Map<string, Form>();
  readonly #sessions = new Map<string, FormSession>();

  putForm(key: string, form: Form): void {
    this.#forms.set(key, form);
  }

  getForm(key: string): Form | undefined {
    return this.#forms.get(key);
  }

  getSession(userId: string, formKey: string): FormSession | undefined {
    return this.#sessions.get(`${userId}\u0000${formKey}`);
  }

  putSession(userId: string, formKey: string, session: FormSession): void {
    this.#sessions.set(`${userId}\u0000${formKey}`, session);
  }

  deleteSession(userId: string, formKey: string): void {
    this.#sessions.delete(`${userId}\u0000${formKey}`);
  }
}
