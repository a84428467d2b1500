export * from './api';
export * from './errors';
export * from './permissions';
export * from './roles';
