/** Recovery verification rules shared by the console and the reference backend. */
export * from './checklist.js';
export * from './duplicates.js';
export * from './messages.js';
export * from './audit-csv.js';
export * from './document-names.js';
export * from './verdict.js';
