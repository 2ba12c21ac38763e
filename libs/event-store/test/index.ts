export { describeEventStoreContract } from './event-store.contract';
