export * from './command-loop';
