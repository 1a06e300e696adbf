import type { FidelityNote, Form } from '@ferry/core';
import { formModal } from '../forms/modal.js';

/**
 * Fidelity notes of showing a form as modals (conditions not decidable when a view opens, images
 * without URL, links that navigate), found by rendering each screen with no answers yet.
 */
export function formNotes(form: Form): FidelityNote[] {
  const notes: FidelityNote[] = [];
  for (const [index, screen] of form.screens.entries()) {
    formModal(
      form,
      screen,
      'render',
      { answers: {}, data: screen.data ?? {} },
      notes,
      `form.screens[${index}]`,
    );
    if (screen.submit?.action.type === 'dataExchange') {
      notes.push({
        severity: 'degraded',
        path: `form.screens[${index}].submit`,
        reason:
          'Slack has no Flow data endpoint: a data_exchange submit completes the form with its payload.',
      });
    }
  }
  return notes;
}
