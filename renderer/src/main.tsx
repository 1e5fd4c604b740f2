/** Renderer entry: mounts the React app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ErrorProvider } from './common/error-context';
import { QueryProvider } from './common/query-provider';
import './styles.css';
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
