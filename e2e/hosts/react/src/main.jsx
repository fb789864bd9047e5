import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@msg-ui/messenger-integration';
import '@msg-ui/messenger-integration/style.css';
import '../../shared/host.css';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
