/** Requester, matched account (Priority Support with its end date), attachments and likely duplicates. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '../../../../shared/entities.js';
import { AttachmentViewer } from '../attachments/AttachmentViewer.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import type { TicketDetail } from '../../../../shared/ipc.js';
import { formatBytes, formatDateTime, formatDay } from '../../lib/format.js';
import { useStore } from '../../store/index.js';

export function RequesterCard({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const { ticket, account } = detail;
  return (
    <section className="panel requester" aria-labelledby="requester-heading" data-testid="requester">
      <h3 id="requester-heading">{t('ticket.requester')}</h3>
      <dl className="facts">
        <dt>{t('ticket.name')}</dt>
        <dd data-testid="requester-name">{ticket.requesterName}</dd>
        <dt>{t('ticket.email')}</dt>
        <dd>
          <TextWithBreaks text={ticket.requesterEmail} />
        </dd>
        <dt>{t('ticket.language')}</dt>
        <dd>{ticket.language.toUpperCase()}</dd>
      </dl>
      <h3>{t('ticket.account')}</h3>
      {account === null ? (
        <p className="muted" data-testid="account-none">
          {t('ticket.noAccount')}
        </p>
      ) : (
        <dl className="facts" data-testid="account">
          <dt>{t('ticket.customerNumber')}</dt>
          <dd data-testid="account-number">{account.customerNumber}</dd>
          <dt>{t(`account.${account.type}`)}</dt>
          <dd>{account.organisationName ?? `${account.firstName} ${account.lastName}`}</dd>
          <dt>{t('ticket.prioritySupport')}</dt>
          <dd data-testid="priority-support">
            {account.prioritySupportUntil === null ? (
              t('ticket.psNone')
            ) : detail.prioritySupportActive ? (
              <span className="badge badge-ok">
                {t('ticket.psActive', { day: formatDay(account.prioritySupportUntil, language) })}
              </span>
            ) : (
              t('ticket.psEnded', { day: formatDay(account.prioritySupportUntil, language) })
            )}
          </dd>
          {ticket.callbackPhone !== null && (
            <>
              <dt>{t('ticket.callback')}</dt>
              <dd>{ticket.callbackPhone}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

export function Attachments({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const [viewing, setViewing] = useState<AttachmentMeta | null>(null);
  if (detail.attachments.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="attachments-heading" data-testid="attachments">
      <h3 id="attachments-heading">{t('ticket.attachments', { count: detail.attachments.length })}</h3>
      <ul className="attachments">
        {detail.attachments.map((a) => (
          <li key={a.id} data-testid="attachment">
            {/* Opens in the safe viewer: the bytes are checked in main before anything decodes them. */}
            <button
              type="button"
              className="attachment-name attachment-open"
              data-testid="attachment-open"
              data-attachment-id={a.id}
              onClick={() => {
                setViewing(a);
              }}
            >
              <span data-testid="attachment-name">{a.declaredName}</span>
              <span className="visually-hidden"> {t('attachments.open')}</span>
            </button>
            <span className="attachment-type" data-testid="attachment-type">
              {a.declaredType}
            </span>
            <span className="attachment-size" data-testid="attachment-size">
              {formatBytes(a.size, language)}
            </span>
          </li>
        ))}
      </ul>
      {viewing !== null && (
        <AttachmentViewer
          ticketId={detail.ticket.id}
          attachment={viewing}
          onClose={() => {
            setViewing(null);
          }}
        />
      )}
    </section>
  );
}

export function Duplicates({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const askMerge = useStore((s) => s.askMerge);
  if (detail.duplicates.length === 0) return null;
  return (
    <section className="panel duplicates" aria-labelledby="duplicates-heading" data-testid="duplicates">
      <h3 id="duplicates-heading">
        {t('ticket.duplicates')} <kbd>M</kbd>
      </h3>
      <ul>
        {detail.duplicates.map((d) => (
          <li key={d.id} data-testid="duplicate" data-ticket-id={d.id}>
            <div className="duplicate-text">
              <span className="duplicate-subject" data-testid="duplicate-subject">
                {d.subject}
              </span>
              <span className="muted">
                {d.requesterName} · {formatDateTime(d.createdAt, language)} · {t(`status.${d.status}`)}
              </span>
            </div>
            <button type="button" className="button" data-testid="merge-duplicate" onClick={() => void askMerge(d.id)}>
              {t('ticket.mergeHere')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
