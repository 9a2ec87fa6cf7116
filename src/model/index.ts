export * from './records.js';
export * from './scores.js';
export * from './tasks.js';
export * from './sync.js';
