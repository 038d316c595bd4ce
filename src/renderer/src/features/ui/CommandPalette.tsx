/**
 * Ctrl/Cmd+K: the commands of the desk in use, then those of every desk, each
 * with its shortcut; on the triage desk also the queue views. Runs through
 * `runCommand`, like the keys.
 */
import { Command } from 'cmdk';
import { useTranslation } from 'react-i18next';
import { VIEW_IDS } from '../../../../shared/ipc.js';
import { Modal } from '../../components/Modal.js';
import { bindingOf, commandsOf, shortcutLabel } from '../../lib/keymap.js';
import type { CommandId } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { commandEnabled, commandOffered, runCommand } from './commands.js';

export function CommandPalette() {
  const { t } = useTranslation();
  const openOverlay = useStore((s) => s.openOverlay);
  const setView = useStore((s) => s.setView);
  const desk = useStore((s) => s.workspace);
  // The palette itself is not listed in the palette.
  const listed = commandsOf(desk).filter((id) => id !== 'palette' && commandOffered(id));
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
            {listed.map((id) => (
              <Command.Item
                key={id}
                value={`${t(bindingOf(id).label)} ${id}`}
                disabled={!commandEnabled(id)}
                data-testid={`palette-item-${id}`}
                onSelect={() => {
                  run(id);
                }}
              >
                <span className="cmdk-label">{t(bindingOf(id).label)}</span>
                {shortcutLabel(id) !== '' && <kbd>{shortcutLabel(id)}</kbd>}
              </Command.Item>
            ))}
          </Command.Group>
          {/* The queue's views belong to the triage desk: elsewhere choosing one would change nothing on screen. */}
          {desk === 'triage' && (
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
          )}
        </Command.List>
      </Command>
    </Modal>
  );
}
