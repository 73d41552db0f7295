import './host/install-browser-api.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.js';
import './styles.css';

// The Content-Security-Policy forbids eval. Without this, zod probes `new Function` on its first
// object parse to decide whether to compile parsers, and Chromium reports a CSP violation.
z.config({ jitless: true });

const container = document.getElementById('root');
if (container === null) throw new Error('index.html is missing the #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
