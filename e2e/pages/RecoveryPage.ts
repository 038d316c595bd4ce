/** The recovery desk: queue, verification screen (comparison, viewer, checklist, decision bar) and audit log. */
import type { Locator, Page } from '@playwright/test';

export class RecoveryPage {
  readonly tab: Locator;
  readonly root: Locator;
  readonly queue: Locator;
  readonly verification: Locator;
  readonly viewer: Locator;
  readonly viewerCanvas: Locator;
  readonly refusal: Locator;
  /** The verdict in the checklist's heading (data-verdict: ready, pending, impossible). */
  readonly verdict: Locator;
  readonly approve: Locator;
  /** Why approval is not possible yet (pending: the steps left) or at all (impossible: the failed rules). */
  readonly approveWhy: Locator;
  /** The approval's confirm step: what will happen, and its button. */
  readonly approvePreview: Locator;
  readonly approveConfirm: Locator;
  readonly approveCancel: Locator;
  readonly reject: Locator;
  readonly requestInfo: Locator;
  readonly reason: Locator;
  readonly message: Locator;
  readonly send: Locator;
  /** What still stops a rejection from being sent (no reason picked, no sentence). */
  readonly missing: Locator;
  /** The whole message as the requester will read it. */
  readonly preview: Locator;
  readonly done: Locator;
  readonly already: Locator;
  readonly status: Locator;
  readonly auditTab: Locator;
  readonly verifyTab: Locator;
  readonly auditRows: Locator;
  readonly auditAction: Locator;
  readonly auditExport: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('desk-recovery');
    this.root = page.getByTestId('recovery-workspace');
    this.queue = page.getByTestId('recovery-queue');
    this.verification = page.getByTestId('verification');
    this.viewer = page.getByTestId('viewer');
    this.viewerCanvas = page.getByTestId('viewer-canvas');
    this.refusal = page.getByTestId('viewer-refusal');
    this.verdict = page.getByTestId('checklist-verdict');
    this.approve = page.getByTestId('approve');
    this.approveWhy = page.getByTestId('approve-why');
    this.approvePreview = page.getByTestId('approve-preview');
    this.approveConfirm = page.getByTestId('approve-confirm');
    this.approveCancel = page.getByTestId('approve-cancel');
    this.reject = page.getByTestId('reject');
    this.requestInfo = page.getByTestId('request-info');
    this.reason = page.getByTestId('reject-reason');
    this.message = page.getByTestId('decision-message');
    this.send = page.getByTestId('decision-send');
    this.missing = page.getByTestId('decision-missing');
    this.preview = page.getByTestId('decision-preview');
    this.done = page.getByTestId('decision-done');
    this.already = page.getByTestId('decision-already');
    this.status = page.getByTestId('verification-status');
    this.auditTab = page.getByTestId('recovery-view-audit');
    this.verifyTab = page.getByTestId('recovery-view-verify');
    this.auditRows = page.getByTestId('audit-row');
    this.auditAction = page.getByTestId('audit-action');
    this.auditExport = page.getByTestId('audit-export');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.root.waitFor();
  }

  row(id: string): Locator {
    return this.page.getByTestId(`recovery-row-${id}`);
  }

  /** The kind the verifier confirms for one document (a select). */
  kind(documentId: string): Locator {
    return this.page.getByTestId(`document-kind-${documentId}`);
  }

  /** One document's confirmation row: its name, its real format, the kind, the name's hint. */
  confirmation(documentId: string): Locator {
    return this.page.getByTestId(`confirm-${documentId}`);
  }

  /** The queue row's verdict label. */
  rowVerdict(id: string): Locator {
    return this.row(id).getByTestId('recovery-verdict');
  }

  check(item: string): Locator {
    return this.page.getByTestId(`check-${item}`);
  }

  compare(field: string): Locator {
    return this.page.getByTestId(`compare-${field}`);
  }

  /** Selects a request in the queue and waits for its verification screen. */
  async select(id: string): Promise<void> {
    await this.row(id).click();
    await this.verification.waitFor();
  }

  /** The tab that opens one of the request's documents. */
  document(id: string): Locator {
    return this.page.getByTestId(`document-${id}`);
  }

  /** Waits until the viewer reached a definite state: shown, refused, or deleted by the backend after the decision. */
  async settledViewer(timeout = 20_000): Promise<'shown' | 'refused' | 'deleted'> {
    const settled = this.page.locator(
      ['shown', 'refused', 'deleted'].map((s) => `[data-testid="viewer"][data-status="${s}"]`).join(', '),
    );
    await settled.waitFor({ timeout });
    return (await this.viewer.getAttribute('data-status')) as 'shown' | 'refused' | 'deleted';
  }
}
