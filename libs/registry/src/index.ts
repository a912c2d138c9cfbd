export * from './command-loop';
export * from './importer';
export * from './contexts';
export * from './jurisdictions';
export * from './init';
export * from './family';
export * from './recorded';
