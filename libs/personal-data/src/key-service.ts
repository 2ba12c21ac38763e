/** A victim's data key as stored: wrapped (encrypted) by a master key, named by that key's id. */
export interface WrappedDataKey {
  /** The master key that wrapped it: rotation re-wraps every key not wrapped by the current one. */
  masterKeyId: string;
  /** base64 of what the key service returned. */
  wrapped: string;
}

/**
 * The master key, behind a port: data keys never leave this process unwrapped, and the master
 * key never leaves the key service. A master key from configuration implements it today
 * (MasterKeyService); a cloud key service (AWS KMS, Azure Key Vault, GCP KMS) can tomorrow.
 */
export interface KeyService {
  /** The id of the master key that wraps new data keys. */
  readonly currentKeyId: string;
  wrap(dataKey: Buffer): Promise<WrappedDataKey>;
  /** Refuses a key wrapped by a master key it does not hold, or one that was tampered with. */
  unwrap(wrapped: WrappedDataKey): Promise<Buffer>;
}
