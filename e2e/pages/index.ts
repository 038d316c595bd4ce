/** Page objects for the console's screens; see README.md for every data-testid. */
export { AttachmentViewerPage } from './AttachmentViewer.js';
export { CallbacksPage } from './CallbacksPage.js';
export { CommandPalette } from './CommandPalette.js';
export { DeskError } from './DeskError.js';
export { DeskTabs } from './DeskTabs.js';
export type { DeskId } from './DeskTabs.js';
export { MergePage } from './MergePage.js';
export { PresencePage } from './PresencePage.js';
export { QueuePage } from './QueuePage.js';
export { RecoveryPage } from './RecoveryPage.js';
export { Settings } from './Settings.js';
export { SignInPage } from './SignInPage.js';
export { StatusBar } from './StatusBar.js';
export { TicketPage } from './TicketPage.js';
