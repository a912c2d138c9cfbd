export * from './command-loop';
export * from './importer';
