/** Document checks shared by the console and the reference backend (see each file). */
export * from './formats.js';
export * from './file-name.js';
export * from './image-header.js';
export * from './inspect.js';
