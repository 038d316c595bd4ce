/**
 * The desks of the console in the header: triage (agents), recovery
 * verification (verifiers), callbacks (experts). A desk shows only to the
 * roles that work there: a button the role lacks is not shown
 * (docs/product-rules.md#roles).
 */
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/entities.js';
import { shortcutLabel } from '../../lib/keymap.js';
import type { CommandId } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import type { Workspace } from './ui-slice.js';

/** `goTo`: the command (Alt+digit in the keymap) that opens the desk. */
export const DESKS: readonly { id: Workspace; role: Role; goTo: CommandId }[] = [
  { id: 'triage', role: 'agent', goTo: 'goTriage' },
  { id: 'recovery', role: 'verifier', goTo: 'goRecovery' },
  { id: 'callbacks', role: 'expert', goTo: 'goCallbacks' },
];

/** One array for "no session yet": a selector returning a fresh [] each time would re-render forever. */
const NO_ROLES: readonly Role[] = [];

export function desksFor(roles: readonly Role[]): Workspace[] {
  return DESKS.filter((d) => roles.includes(d.role)).map((d) => d.id);
}

export function WorkspaceTabs() {
  const { t } = useTranslation();
  const roles = useStore((s) => s.session?.agent.roles ?? NO_ROLES);
  const workspace = useStore((s) => s.workspace);
  const setWorkspace = useStore((s) => s.setWorkspace);
  const desks = DESKS.filter((d) => roles.includes(d.role));
  if (desks.length < 2) return null;
  return (
    <nav className="desk-tabs" aria-label={t('desks.label')}>
      {desks.map((d) => (
        <button
          key={d.id}
          type="button"
          className="desk-tab"
          aria-current={workspace === d.id ? 'page' : undefined}
          data-testid={`desk-${d.id}`}
          title={shortcutLabel(d.goTo)}
          onClick={() => {
            setWorkspace(d.id);
          }}
        >
          {t(`desks.${d.id}`)}
        </button>
      ))}
    </nav>
  );
}
