// The port only: types, errors and the checks every adapter makes. The adapters have their own
// entry points (@vj/event-store/sqlite, /postgres, /eventstoredb), so importing the port never
// loads a driver; only the composition root (libs/runtime), scripts, bench and tests open one.
export * from './event-store';
export * from './errors';
export * from './expected-revision';
export * from './append-checks';
