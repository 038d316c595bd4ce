/** Everything a route needs, built once by startReferenceBackend. */
import type { BackendAdmin } from './admin.js';
import type { SqlDatabase } from './db/sql.js';
import type { FaultInjector } from './faults.js';
import type { Authenticator } from './http/auth.js';
import type { PresenceHub } from './presence/hub.js';
import type { PushHub } from './push.js';
import type { Credentials } from './store/credentials.js';
import type { Documents } from './store/documents.js';
import type { Feed } from './store/feed.js';
import type { LoginThrottle } from './store/login-throttle.js';
import type { RecordStore } from './store/records.js';
import type { Sessions } from './store/sessions.js';

export interface BackendContext {
  db: SqlDatabase;
  records: RecordStore;
  feed: Feed;
  credentials: Credentials;
  sessions: Sessions;
  loginThrottle: LoginThrottle;
  documents: Documents;
  auth: Authenticator;
  push: PushHub;
  /** Who is on which ticket: memory only, shared across processes by the message bus (bus/bus.ts). */
  presence: PresenceHub;
  faults: FaultInjector;
  admin: BackendAdmin;
  now: () => Date;
  maxUploadBytes: number;
  /** How long a decided request's identity documents keep their bytes (0: deleted with the decision). */
  documentRetentionMs: number;
}
