export * from './age.js';
export * from './checkup.js';
export * from './criteria.js';
export * from './egfr.js';
export * from './judging.js';
export * from './ranges.js';
