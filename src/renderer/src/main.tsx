// First: no schema may parse before zod is told not to probe eval.
import './lib/zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App.js';
import { i18n } from './i18n/index.js';
import { PERF_MARKS, perfMark } from './lib/perf.js';
import { applyDefaultAppearance } from './features/settings/appearance.js';
import './app/base.css';
import './app/shell.css';
import './app/queue.css';
import './app/ticket.css';
import './app/overlays.css';

perfMark(PERF_MARKS.rendererStart);
applyDefaultAppearance();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
