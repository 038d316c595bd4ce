/**
 * One error boundary per desk: a desk that throws while rendering (bad data
 * from main, a bug) shows a message in the agent's language in its place,
 * while the header, the other desks and the status bar keep working.
 * "Reload" fetches the desk's data again and then remounts it; "Copy
 * details" puts the error, the component stack and the app version on the
 * clipboard for support. The stack names components and source lines only:
 * no ticket content, no customer data.
 */
import { Component, useState } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../features/ui/ui-slice.js';

interface Props {
  desk: Workspace;
  /** Fetches the desk's data again; the desk remounts once it settles (a failure remounts too). */
  reload: () => Promise<unknown>;
  children: ReactNode;
}

interface State {
  error: Error | null;
  componentStack: string;
  /** Bumped on reload: a new key remounts the desk from scratch. */
  mount: number;
}

/** What support needs to find the fault, and nothing from the screen's content. */
export function crashDetails(desk: Workspace, error: Error, componentStack: string): string {
  return [
    `Support Console ${__APP_VERSION__}, desk: ${desk}`,
    `${error.name}: ${error.message}`,
    'Component stack:',
    componentStack.trim(),
  ].join('\n');
}

export class DeskErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '', mount: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  private readonly reload = async (): Promise<void> => {
    try {
      await this.props.reload();
    } catch {
      // The desk shows its own loading or error state once mounted.
    }
    this.setState((s) => ({ error: null, componentStack: '', mount: s.mount + 1 }));
  };

  override render(): ReactNode {
    const { error, componentStack, mount } = this.state;
    if (error === null) return <DeskMount key={mount}>{this.props.children}</DeskMount>;
    return (
      <DeskCrash
        details={crashDetails(this.props.desk, error, componentStack)}
        onReload={() => {
          void this.reload();
        }}
      />
    );
  }
}

function DeskMount({ children }: { children: ReactNode }) {
  return children;
}

function DeskCrash({ details, onReload }: { details: string; onReload: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copyDetails = () => {
    navigator.clipboard.writeText(details).then(
      () => {
        setCopy('copied');
      },
      () => {
        setCopy('failed');
      },
    );
  };
  return (
    <main className="desk desk-crash" data-testid="desk-error" role="alert" aria-labelledby="desk-error-title">
      <div className="desk-crash-box">
        <h2 id="desk-error-title">{t('deskError.title')}</h2>
        <p>{t('deskError.body')}</p>
        <div className="button-row">
          <button type="button" className="button button-primary" data-testid="desk-error-reload" onClick={onReload}>
            {t('deskError.reload')}
          </button>
          <button type="button" className="button" data-testid="desk-error-copy" onClick={copyDetails}>
            {t('deskError.copy')}
          </button>
        </div>
        <p aria-live="polite" className="desk-crash-copied" data-testid="desk-error-copy-result">
          {copy === 'copied' ? t('deskError.copied') : copy === 'failed' ? t('deskError.copyFailed') : ''}
        </p>
        <details>
          <summary>{t('deskError.details')}</summary>
          <pre className="desk-crash-details" data-testid="desk-error-details">
            {details}
          </pre>
        </details>
      </div>
    </main>
  );
}
