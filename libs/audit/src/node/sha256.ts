import { createHash } from 'node:crypto';
import type { HashText } from '../chain';

/** The audit chain's hash: SHA-256 of the UTF-8 text, in hex. */
export const sha256: HashText = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
