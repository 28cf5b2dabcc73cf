import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApi } from './api.js';
import { App } from './App.js';
import { loadConfig } from './config.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => {
    configureApi(config.apiBaseUrl);
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    console.error('HealthSync could not start', error);
    root.render(
      <main className="page">
        <h1>HealthSync</h1>
        <p className="error" role="alert">
          앱 설정을 불러오지 못했어요. 잠시 후 새로 고쳐 주세요.
        </p>
      </main>,
    );
  },
);
