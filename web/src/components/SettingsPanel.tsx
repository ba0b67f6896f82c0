/** The shell of each Innstillinger panel: heading, introduction, the saved notice and the problem. */
import type { ReactNode } from 'react';
import { Notice, ProblemMessage } from './Feedback.js';

export interface SettingsPanelProps {
  /** The heading's id: the panel (and a form or table in it) is labelled by it. */
  titleId: string;
  title: ReactNode;
  /** A line under the heading: a hint (`field-hint`) or a note (`settings-note`). */
  intro?: ReactNode;
  introKind?: 'hint' | 'note';
  /** The panel takes the page's whole width (a table with many columns). */
  wide?: boolean;
  testId?: string;
  /** What was just saved, shown until closed; null: nothing. */
  saved?: ReactNode;
  onSavedClose?: () => void;
  /** The last action's problem (closed by the user) and the load's (retried): the action's first. */
  error?: unknown;
  onErrorClose?: () => void;
  loadError?: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}

export function SettingsPanel({
  titleId,
  title,
  intro,
  introKind = 'hint',
  wide = false,
  testId,
  saved = null,
  onSavedClose,
  error = null,
  onErrorClose,
  loadError = null,
  onRetry,
  children,
}: SettingsPanelProps) {
  const problem = error ?? loadError;
  return (
    <section
      className={`panel settings-panel${wide ? ' settings-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <header className="panel-header">
        <h2 id={titleId} className="panel-title">
          {title}
        </h2>
      </header>
      {intro !== undefined && (
        <p className={introKind === 'note' ? 'settings-note' : 'field-hint settings-text'}>{intro}</p>
      )}
      {saved !== null && saved !== false && (
        <Notice tone="success" onClose={onSavedClose}>
          {saved}
        </Notice>
      )}
      {problem !== null && problem !== undefined && (
        <ProblemMessage
          error={problem}
          onClose={error !== null && error !== undefined ? onErrorClose : undefined}
          onRetry={loadError !== null && loadError !== undefined ? onRetry : undefined}
        />
      )}
      {children}
    </section>
  );
}
