/** The worker's own injection tokens; the ports both apps share are in @vj/nest-edge. */
export const REDIS = Symbol('REDIS');
export const DEADLINE_PORTS = Symbol('DEADLINE_PORTS');
