/** Ctrl/Cmd+K: every command with its shortcut, plus the queue views; runs through `runCommand`. */
import { Command } from 'cmdk';
import { useTranslation } from 'react-i18next';
import { VIEW_IDS } from '../../../../shared/ipc.js';
import { Modal } from '../../components/Modal.js';
import { COMMAND_IDS, shortcutLabel } from '../../lib/keymap.js';
import type { CommandId } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { commandEnabled, runCommand } from './commands.js';

const isMac = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');
/** The palette itself is not listed in the palette. */
const LISTED: CommandId[] = COMMAND_IDS.filter((id) => id !== 'palette');

export function CommandPalette() {
  const { t } = useTranslation();
  const openOverlay = useStore((s) => s.openOverlay);
  const setView = useStore((s) => s.setView);
  const close = () => {
    openOverlay(null);
  };
  const run = (id: CommandId) => {
    // Close first: the command may open another overlay (a picker).
    openOverlay(null);
    runCommand(id);
  };

  return (
    <Modal label={t('palette.title')} onClose={close} testId="command-palette" wide>
      <Command label={t('palette.title')} className="cmdk" loop>
        <Command.Input placeholder={t('palette.placeholder')} data-testid="command-palette-input" />
        <Command.List className="cmdk-list">
          <Command.Empty>{t('picker.empty')}</Command.Empty>
          <Command.Group heading={t('palette.actions')}>
            {LISTED.map((id) => (
              <Command.Item
                key={id}
                value={`${t(`command.${id}`)} ${id}`}
                disabled={!commandEnabled(id)}
                data-testid={`palette-item-${id}`}
                onSelect={() => {
                  run(id);
                }}
              >
                <span className="cmdk-label">{t(`command.${id}`)}</span>
                <kbd>{shortcutLabel(id, isMac)}</kbd>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading={t('palette.views')}>
            {VIEW_IDS.map((v) => (
              <Command.Item
                key={v}
                value={`${t('palette.goTo')} ${t(`view.${v}`)} ${v}`}
                data-testid={`palette-view-${v}`}
                onSelect={() => {
                  close();
                  setView(v, null);
                }}
              >
                <span className="cmdk-label">
                  {t('palette.goTo')} {t(`view.${v}`)}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        </Command.List>
      </Command>
    </Modal>
  );
}
