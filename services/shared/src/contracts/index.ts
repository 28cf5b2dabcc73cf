export * from './asyncapi.js';
export * from './events.js';
export * from './identity.js';
export * from './internal-openapi.js';
export * from './json-schema.js';
export * from './problem.js';
export * from './revocation.js';
export * from './consents.js';
