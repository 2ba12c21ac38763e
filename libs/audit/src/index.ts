// The port and its pure core only. The adapters have their own entry points
// (@vj/audit/sqlite, /postgres), which hash with node/sha256.ts, so importing
// the port loads no driver and no Node built-in.
export * from './entry';
export * from './chain';
export * from './audit-log';
