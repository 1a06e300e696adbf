export * from './readers/contacts/index.js';
