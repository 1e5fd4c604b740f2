/** Renderer entry: mounts the React app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ErrorProvider } from './common/error-context';
import { QueryProvider } from './common/query-provider';
// The styles, in cascade order: tokens first, then the shared pieces, then each feature's.
import './common/tokens.css';
import './common/reset.css';
import './app/shell.css';
import './common/base.css';
import './common/controls.css';
import './datasets/datasets.css';
import './training/training.css';
import './training/configure.css';
import './training/runs.css';
import './analysis/analysis.css';
import './operations/operations.css';
import './registry/registry.css';
import './reports/reports.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ErrorProvider>
      <QueryProvider>
        <App />
      </QueryProvider>
    </ErrorProvider>
  </StrictMode>,
);
