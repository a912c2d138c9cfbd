export * from './event-store';
export * from './errors';
export * from './position';
export * from './chain';
export * from './verify';
export { categoryOf, assertStreamName, streamNameProblems } from './validation';
export { openEventStore, openMemoryEventStore, openSqliteEventStore, eventStoreConfigFromEnv, embeddedLogFile, type EventStoreConfig } from './open-event-store';
export { verifyInThread, type VerifyThreadOptions } from './local/verify-thread';
