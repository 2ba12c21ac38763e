export { describeEventStoreContract } from './event-store.contract';
export { describeGroupCommitContract } from './group-commit.contract';
export { newEvent, newStream } from './new-events';
