/** One option of the queue listbox. Presentational: no buttons inside (an option holds no controls). */
import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { QueueRowView, UiLanguage } from '../../../../shared/ipc.js';
import { Highlighted } from '../../components/Highlighted.js';
import { Icon } from '../../components/Icon.js';
import { formatAge, formatDateTime, formatShort, olderThanADay } from '../../lib/format.js';
import { useRowUpdatedMark } from '../../lib/perf.js';
import type { RowLabels } from './row-labels.js';

interface Props {
  row: QueueRowView | undefined;
  index: number;
  total: number;
  top: number;
  selected: boolean;
  open: boolean;
  /** One of the rows the search named exactly (listed first). */
  exact: boolean;
  categoryLabel: string;
  language: UiLanguage;
  /** Translated once per language by the list (row-labels.ts). */
  labels: RowLabels;
  /** Who else is on this ticket, in words ('' when nobody), and whether one of them is replying. */
  presenceLabel: string;
  presenceReplying: boolean;
  onPick: (index: number) => void;
}

export const rowDomId = (index: number) => `queue-row-${index}`;

/** Work the desk still owes an answer: marked when it has waited more than a day. */
const OPEN_WORK = new Set<QueueRowView['status']>(['new', 'open', 'pending']);

function QueueRowInner({
  row,
  index,
  total,
  top,
  selected,
  open,
  exact,
  categoryLabel,
  language,
  labels,
  presenceLabel,
  presenceReplying,
  onPick,
}: Props) {
  useRowUpdatedMark(row);
  // Positioned by a CSS variable set through the CSSOM (allowed by the page CSP, unlike style attributes in HTML).
  const position = { '--row-top': `${top}px` } as CSSProperties;
  const common = {
    id: rowDomId(index),
    role: 'option' as const,
    'aria-selected': selected,
    'aria-setsize': total,
    'aria-posinset': index + 1,
    style: position,
  };
  if (!row) {
    return (
      <div {...common} className="queue-row queue-row-loading" data-testid="queue-row-loading">
        <span className="row-subject">{labels.loading}</span>
      </div>
    );
  }
  const now = new Date();
  const old = OPEN_WORK.has(row.status) && olderThanADay(row.createdAt, now);
  const classes = ['queue-row', `priority-${row.priority}`];
  if (selected) classes.push('is-selected');
  if (open) classes.push('is-open');
  return (
    <div
      {...common}
      className={classes.join(' ')}
      data-testid="queue-row"
      data-ticket-id={row.id}
      data-pending={row.pending}
      data-needs-attention={row.needsAttention}
      onClick={() => {
        onPick(index);
      }}
    >
      <div className="row-line">
        <span className={`priority-mark priority-${row.priority}`} title={labels.priority[row.priority]}>
          <span className="visually-hidden">{labels.priority[row.priority]}</span>
        </span>
        <span className="row-subject" data-testid="row-subject">
          {row.subject}
        </span>
        {presenceLabel !== '' && (
          <span
            className={presenceReplying ? 'presence-mark presence-replying' : 'presence-mark'}
            title={presenceLabel}
            data-testid="row-presence"
            data-activity={presenceReplying ? 'replying' : 'viewing'}
          >
            <Icon name={presenceReplying ? 'pen' : 'eye'} />
            <span className="visually-hidden">{presenceLabel}</span>
          </span>
        )}
        {row.pending && (
          <span className="badge badge-pending" data-testid="row-pending">
            <Icon name="clock" />
            {labels.pending}
          </span>
        )}
        {row.needsAttention && (
          <span className="badge badge-attention" data-testid="row-needs-attention">
            <Icon name="warning" />
            {labels.needsAttention}
          </span>
        )}
        <span className={`badge status-${row.status}`}>{labels.status[row.status]}</span>
        <time className="row-time" dateTime={row.updatedAt} title={formatDateTime(row.updatedAt, language)}>
          {formatShort(row.updatedAt, language, now)}
        </time>
        <time
          className={old ? 'row-age is-old' : 'row-age'}
          dateTime={row.createdAt}
          title={labels.createdAt(formatDateTime(row.createdAt, language))}
          data-testid="row-age"
          data-old={old}
        >
          {old && <Icon name="clock" />}
          {formatAge(row.createdAt, language, now)}
          {old && <span className="visually-hidden">{` (${labels.olderThanADay})`}</span>}
        </time>
      </div>
      <div className="row-line row-secondary">
        {exact && (
          <span className="badge badge-exact" data-testid="row-exact">
            {labels.exact}
          </span>
        )}
        {row.snippet !== null ? (
          <span className="row-snippet" data-testid="row-snippet">
            <Highlighted text={row.snippet} />
          </span>
        ) : (
          <>
            <span className="row-requester">{row.requesterName}</span>
            <span className="row-category">{categoryLabel}</span>
          </>
        )}
        {row.chatTermination && (
          <span className="badge badge-attention" data-testid="row-chat-termination">
            <Icon name="chat" />
            {labels.chatTermination}
          </span>
        )}
        {row.callbackRequested && (
          <span className="badge" title={labels.callback}>
            <Icon name="phone" />
            <span className="visually-hidden">{labels.callback}</span>
          </span>
        )}
        {row.level === 2 && <span className="badge badge-level">{labels.level2}</span>}
      </div>
    </div>
  );
}

export const QueueRow = memo(QueueRowInner);
