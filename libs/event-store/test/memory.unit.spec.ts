import { openMemoryEventStore } from '../src/open-event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('in-memory', () => Promise.resolve({ store: openMemoryEventStore() }));
