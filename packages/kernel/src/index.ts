export * from './checksums';
export * from './clock';
export * from './errors';
export * from './masking';
export * from './money';
export * from './secrets';
export * from './state-machine';
