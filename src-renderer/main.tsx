import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/host';
import { App } from './components/App';
import './styles/app.css';

const { api } = connectApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
