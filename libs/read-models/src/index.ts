// The store core: transactions, checkpoints, parked events, the rebuild switch, tenants.
export * from './store/schema';
export * from './store/read-model-store';
export * from './store/rebuild-tables';
// One folder per read model: its table, migration part, writer and queries. VCS status is not
// stored: it is derived per request from the stored journey by `vcsRecordsOf` (projections).
export * from './journeys/tables';
export * from './journeys/victim-rows';
export * from './journeys/queries';
export * from './journeys/open-deadlines';
export * from './case-index/table';
export * from './case-index/query';
export * from './caseload/query';
export * from './breaches/query';
export * from './compliance-report/tables';
export * from './compliance-report/query';
// The projector: builds the read models from the events, live or as a rebuild.
export * from './projector/journey-projector';
export * from './projector/partition';
export * from './projector/partitioned-rebuild';
// The Code-impact forecast: replays the events under a draft edition; writes nothing.
export * from './forecast/replay-forecast';
