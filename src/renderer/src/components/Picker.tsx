/** A filterable list in a dialog (cmdk): the category, assignee, status and merge pickers. */
import { Command } from 'cmdk';
import { useTranslation } from 'react-i18next';
import { Modal, returnFocusFromDialog } from './Modal.js';

export interface PickerItem {
  value: string;
  label: string;
  hint?: string;
  current?: boolean;
}

interface Props {
  title: string;
  testId: string;
  items: PickerItem[];
  onPick: (value: string) => void;
  onClose: () => void;
}

export function Picker({ title, testId, items, onPick, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal label={title} onClose={onClose} testId={testId}>
      <Command label={title} className="cmdk" loop>
        <h2 className="modal-title">{title}</h2>
        <Command.Input placeholder={t('picker.filter')} data-testid={`${testId}-input`} />
        <Command.List className="cmdk-list">
          <Command.Empty>{t('picker.empty')}</Command.Empty>
          {items.map((item) => (
            <Command.Item
              key={item.value}
              value={`${item.label} ${item.value}`}
              data-testid={`${testId}-item`}
              data-pick-value={item.value}
              onSelect={() => {
                returnFocusFromDialog();
                onPick(item.value);
              }}
            >
              <span className="cmdk-label">{item.label}</span>
              {item.current === true && <span className="cmdk-hint">{t('picker.current')}</span>}
              {item.hint !== undefined && <span className="cmdk-hint">{item.hint}</span>}
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </Modal>
  );
}
