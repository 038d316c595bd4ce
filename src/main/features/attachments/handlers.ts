/**
 * IPC handlers of ticket attachments (src/shared/ipc-attachments.ts): the
 * attachment must be one the ticket in the cache lists, so a window cannot
 * ask for any blob by id; the checks load with the first attachment opened.
 */
import type { AttachmentIpcResults } from '../../../shared/ipc-attachments.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { lazy } from '../../lazy.js';
import type { FeatureDeps } from '../feature-deps.js';

// The file sniffer and image-header reader load with the first attachment opened, not with the app.
const opener = lazy(() => import('./open.js'));

export function createAttachmentHandlers(deps: FeatureDeps): Pick<Handlers, keyof AttachmentIpcResults> {
  return {
    'attachments:open': async (ticketId, attachmentId) => {
      const ticket = deps.readers.cache.getRecord('ticket', ticketId);
      const meta = ticket?.attachments.find((a) => a.id === attachmentId);
      if (meta === undefined) throw new Error(`Ticket ${ticketId} has no attachment ${attachmentId}.`);
      const { openAttachment } = await opener();
      return openAttachment({ sync: deps.sync }, meta);
    },
  };
}
