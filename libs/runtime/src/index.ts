export * from './config';
export * from './adapters';
export * from './identity';
export * from './projector-thread';
