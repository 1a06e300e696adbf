import type { FormTexts } from '../types.js';

/** The English texts of a form conversation. */
export const DEFAULT_FORM_TEXTS: FormTexts = {
  open: 'Open form',
  skip: 'Skip',
  done: 'Done',
  yes: 'Yes',
  no: 'No',
  confirm: 'Confirm',
  restart: 'Start over',
  cancel: 'Cancel',
  summaryTitle: 'Please check your answers:',
  sent: 'Sent',
  cancelled: 'Form cancelled.',
  required: 'This answer is required.',
  chooseButton: 'Please choose one of the buttons.',
  invalid: (type) => `That does not look like a valid ${type}${type === 'date' ? ' (use YYYY-MM-DD)' : ''}.`,
  tooShort: (min) => `Please write at least ${min} characters.`,
  tooLong: (max) => `Please write at most ${max} characters.`,
  outOfRange: (min, max) => `Please give a value from ${min} to ${max}.`,
  selectBetween: (min, max) => `Please select from ${min} to ${max} options.`,
};
