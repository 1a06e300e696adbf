export type * from './form.js';
export type * from './message.js';
export type * from './notes.js';
export type * from './rich-text.js';
export { UNSUPPORTED_FLOW_COMPONENTS, UNSUPPORTED_WHATSAPP_MESSAGE_TYPES } from './unsupported.js';
