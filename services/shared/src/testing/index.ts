export * from './component.js';
export * from './dapr-double.js';
export * from './contracts.js';
export * from './outage-proxy.js';
export * from './consents.js';
export * from './zip.js';
