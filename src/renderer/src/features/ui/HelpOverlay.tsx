/** `?`: the keys of the desk in use, then those that work on every desk, from the table the key handler uses. */
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { BINDINGS, bindingOf, keyLabels } from '../../lib/keymap.js';
import type { CommandId, Scope } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { commandOffered } from './commands.js';

function ShortcutTable({ scope, title }: { scope: Scope; title: string }) {
  const { t } = useTranslation();
  const commands: CommandId[] = BINDINGS.filter((b) => b.desk === scope && b.keys.length > 0)
    .map((b) => b.command)
    .filter(commandOffered);
  return (
    <section className="shortcut-section" data-testid={`help-section-${scope}`}>
      <h3 className="shortcut-section-title">{title}</h3>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {commands.map((command) => (
            <tr key={command} data-testid={`help-${command}`}>
              <td>
                {keyLabels(command).map((label, i) => (
                  <span key={label}>
                    {i > 0 && ' '}
                    <kbd data-testid="help-key">{label}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(bindingOf(command).label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function HelpOverlay() {
  const { t } = useTranslation();
  const openOverlay = useStore((s) => s.openOverlay);
  const desk = useStore((s) => s.workspace);
  const close = () => {
    openOverlay(null);
  };
  return (
    <Modal label={t('help.title')} onClose={close} testId="help-overlay">
      {/* Close sits beside the title: the dialog focuses it first, and focus at the bottom would scroll the desk's keys away. */}
      <div className="help-header">
        <h2 className="modal-title">{t('help.title')}</h2>
        <button type="button" className="button button-quiet" data-testid="help-close" onClick={close}>
          {t('help.close')}
        </button>
      </div>
      <ShortcutTable scope={desk} title={t('help.desk', { desk: t(`desks.${desk}`) })} />
      <ShortcutTable scope="global" title={t('help.everywhere')} />
      <p className="muted">{t('help.typing')}</p>
    </Modal>
  );
}
