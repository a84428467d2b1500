export * from './api';
export * from './errors';
export * from './merchants';
export * from './permissions';
export * from './reference/divisions';
export * from './reference/mcc';
export * from './roles';
