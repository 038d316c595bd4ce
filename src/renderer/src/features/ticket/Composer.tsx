/**
 * Reply composer: canned replies in the ticket's language first (filter,
 * Enter inserts), the text, internal-note switch; Ctrl/Cmd+Enter sends,
 * Esc closes. The draft lives in the store so a re-render never loses it.
 *
 * Before sending, the collision check (collision.ts): a colleague's reply
 * that reached the cache after the draft began is shown, and the person
 * sends anyway or edits (CollisionDialog). One send per choice: the button
 * waits while the check runs.
 */
import { Command } from 'cmdk';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../../../shared/ipc.js';
import type { Ticket, TicketMessage } from '../../../../shared/entities.js';
import { call } from '../../lib/api.js';
import { COMPOSER_ID, TICKET_HEADING_ID, focusById } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';
import { colleagueMessagesSince } from './collision.js';
import { CollisionDialog } from './CollisionDialog.js';

export const BODY_ID = 'composer-text';

export function sortCanned(canned: readonly CannedReply[], language: Ticket['language']): CannedReply[] {
  return [...canned].sort((a, b) => Number(b.language === language) - Number(a.language === language));
}

export function Composer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const canned = useStore((s) => s.canned);
  const draft = useStore((s) => s.composerDraft);
  const setDraft = useStore((s) => s.setDraft);
  const setComposer = useStore((s) => s.setComposer);
  const act = useStore((s) => s.act);
  const messages = useStore((s) => (s.detail?.ticket.id === ticket.id ? s.detail.messages : null));
  const me = useStore((s) => s.session?.agent.id ?? null);
  const [internal, setInternal] = useState(false);
  const [checking, setChecking] = useState(false);
  const [collision, setCollision] = useState<TicketMessage[] | null>(null);
  const internalId = useId();
  // The messages known while the draft was still empty (or when the composer opened with a draft taken back
  // from the outbox, after its colleague's reply was shown): the draft began after them.
  const seenBeforeDraft = useRef(new Set((messages ?? []).map((m) => m.id)));
  if (draft.trim() === '' && messages !== null) seenBeforeDraft.current = new Set(messages.map((m) => m.id));

  const close = () => {
    setComposer(false);
    focusById(TICKET_HEADING_ID);
  };
  const sendNow = () => {
    void act({ type: 'reply', ticketId: ticket.id, body: draft, internal });
    setComposer(false);
    focusById(TICKET_HEADING_ID);
  };
  const send = async () => {
    if (draft.trim() === '' || checking || collision !== null) return;
    setChecking(true);
    // The cache as it is now, not as the pane last loaded it: a reply that came in a moment ago counts.
    const fresh = await call('ticket:get', ticket.id).catch(() => null);
    setChecking(false);
    const replies = colleagueMessagesSince(fresh?.messages ?? messages ?? [], seenBeforeDraft.current, me);
    if (replies.length > 0) setCollision(replies);
    else sendNow();
  };
  const edit = () => {
    // Seen now: the same replies do not stop the next send.
    for (const m of collision ?? []) seenBeforeDraft.current.add(m.id);
    setCollision(null);
    focusById(BODY_ID);
  };

  return (
    <>
      <section
        className="composer panel"
        aria-labelledby="composer-heading"
        data-testid="composer"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      >
        <h3 id="composer-heading">{t('composer.heading')}</h3>
        <Command label={t('composer.canned')} className="cmdk cmdk-inline" loop>
          <Command.Input
            data-focus-id={COMPOSER_ID}
            placeholder={t('composer.cannedFilter')}
            data-testid="canned-filter"
          />
          <Command.List className="cmdk-list cmdk-list-short">
            <Command.Empty>{t('picker.empty')}</Command.Empty>
            {sortCanned(canned, ticket.language).map((c) => (
              <Command.Item
                key={c.id}
                value={`${c.title} ${c.language} ${c.id}`}
                data-testid="canned-item"
                data-canned-id={c.id}
                onSelect={() => {
                  setDraft(c.body);
                  focusById(BODY_ID);
                }}
              >
                <span className="cmdk-label">{c.title}</span>
                <span className="cmdk-hint">{c.language.toUpperCase()}</span>
              </Command.Item>
            ))}
          </Command.List>
        </Command>
        <label htmlFor={BODY_ID} className="visually-hidden">
          {t('composer.body')}
        </label>
        <textarea
          id={BODY_ID}
          data-testid="composer-body"
          rows={6}
          value={draft}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setDraft(e.target.value);
          }}
        />
        <div className="button-row">
          <label className="checkbox" htmlFor={internalId}>
            <input
              id={internalId}
              type="checkbox"
              data-testid="composer-internal"
              checked={internal}
              onChange={(e) => {
                setInternal(e.target.checked);
              }}
            />
            {t('composer.internal')}
          </label>
          <span className="spacer" />
          <button type="button" className="button" data-testid="composer-cancel" onClick={close}>
            {t('composer.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="composer-send"
            disabled={draft.trim() === '' || checking}
            onClick={() => void send()}
          >
            {t('composer.send')} <kbd>Ctrl+↵</kbd>
          </button>
        </div>
      </section>
      {collision !== null && (
        <CollisionDialog
          replies={collision}
          onEdit={edit}
          onSendAnyway={() => {
            setCollision(null);
            sendNow();
          }}
        />
      )}
    </>
  );
}
