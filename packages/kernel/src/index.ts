export * from './clock';
export * from './errors';
export * from './masking';
export * from './money';
export * from './state-machine';
