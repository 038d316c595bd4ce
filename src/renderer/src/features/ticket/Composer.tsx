/**
 * Reply composer: canned replies in the ticket's language first (filter,
 * Enter inserts), the text, internal-note switch; Ctrl/Cmd+Enter sends,
 * Esc closes. The draft lives in the store so a re-render never loses it.
 */
import { Command } from 'cmdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../../../shared/ipc.js';
import type { Ticket } from '../../../../shared/entities.js';
import { COMPOSER_ID, TICKET_HEADING_ID, focusById } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';

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
  const [internal, setInternal] = useState(false);
  const internalId = useId();

  const close = () => {
    setComposer(false);
    focusById(TICKET_HEADING_ID);
  };
  const send = () => {
    if (draft.trim() === '') return;
    void act({ type: 'reply', ticketId: ticket.id, body: draft, internal });
    setComposer(false);
    focusById(TICKET_HEADING_ID);
  };

  return (
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
          send();
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
          disabled={draft.trim() === ''}
          onClick={send}
        >
          {t('composer.send')} <kbd>Ctrl+↵</kbd>
        </button>
      </div>
    </section>
  );
}
