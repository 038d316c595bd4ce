/** The ticket's outbox entries: pending, conflicts (theirs vs mine, with a choice), rejections with the reason. */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import type { OutboxEntryView } from '../../../../shared/ipc.js';
import { Icon } from '../../components/Icon.js';
import { formatDateTime } from '../../lib/format.js';
import { refusalKey } from '../../lib/refusal.js';
import { useStore } from '../../store/index.js';
import { conflictSentence, describe, mine, refusalParams, theirs } from './describe.js';
import type { Names } from './describe.js';
import { ReplyConflict } from './ReplyConflict.js';

export function OutboxPanel({
  entries,
  messages,
}: {
  entries: OutboxEntryView[];
  /** The ticket's conversation: a reply refused because a colleague answered first shows their reply. */
  messages: readonly TicketMessage[];
}) {
  const { t } = useTranslation();
  const categories = useStore((s) => s.categories);
  const agents = useStore((s) => s.agents);
  const language = useStore((s) => s.language);
  const resolve = useStore((s) => s.resolveOutbox);
  // Only a backend known to be unreachable: while the console is still connecting, nothing is late yet.
  const offline = useStore((s) => s.sync?.connection === 'offline');
  if (entries.length === 0) return null;
  const names: Names = { categories, agents, language, t };

  return (
    <section className="panel outbox" aria-labelledby="outbox-heading" data-testid="outbox">
      <h3 id="outbox-heading">{t('outbox.heading')}</h3>
      <ul>
        {entries.map((e) => (
          <li
            key={e.actionId}
            className={`outbox-entry outbox-${e.state}`}
            data-testid="outbox-entry"
            data-state={e.state}
          >
            <div className="outbox-line">
              {e.state === 'pending' || e.state === 'sending' ? <Icon name="clock" /> : <Icon name="warning" />}
              {/* Offline, "sending" would be untrue: the entry waits for the backend to come back. */}
              <strong>{t(`outbox.state.${offline && e.state === 'sending' ? 'pending' : e.state}`)}</strong>
              <span>{describe(e.action, names)}</span>
              <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, language)}</time>
            </div>
            {e.state === 'conflict' && e.action.type === 'reply' && <ReplyConflict entry={e} messages={messages} />}
            {e.state === 'conflict' && e.action.type !== 'reply' && e.theirs && (
              <div className="conflict" data-testid="outbox-conflict">
                {/* Their change in words; the backend's English sentence stays in the outbox row. */}
                <p data-testid="conflict-sentence">{conflictSentence(e.action, e.theirs, names)}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.theirs')}</th>
                      <th scope="col">{t('outbox.mine')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <td data-testid="conflict-theirs">{theirs(e.action, e.theirs, names)}</td>
                      <td data-testid="conflict-mine">{mine(e.action, names)}</td>
                    </tr>
                  </tbody>
                </table>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-primary"
                    data-testid="apply-mine-again"
                    onClick={() => void resolve(e.actionId, 'apply-mine-again')}
                  >
                    {t('outbox.applyMine')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="keep-theirs"
                    onClick={() => void resolve(e.actionId, 'keep-theirs')}
                  >
                    {t('outbox.keepTheirs')}
                  </button>
                </div>
              </div>
            )}
            {e.state === 'rejected' && (
              <div className="rejected" data-testid="outbox-rejected">
                <p data-testid="rejected-reason" data-reason={e.reason ?? ''}>
                  {t(refusalKey(e.reason), refusalParams(e.action, names))}
                </p>
                <button
                  type="button"
                  className="button"
                  data-testid="dismiss-rejected"
                  onClick={() => void resolve(e.actionId, 'keep-theirs')}
                >
                  {t('outbox.dismiss')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
