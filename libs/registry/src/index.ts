export * from './command-loop';
export * from './importer';
export * from './contexts';
