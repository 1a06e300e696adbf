export * from './readers/contacts/index.js';
export * from './readers/index.js';
