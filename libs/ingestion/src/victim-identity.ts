import { v5 as uuidv5 } from 'uuid';
import { VICTIM_STREAM_PREFIX } from '@vj/event-store';

// Fixed namespaces: changing either would re-key every stream and every stored event id.
const VICTIM_NAMESPACE = '6f1e4f36-2c3b-4c55-9a51-6d1c2f7a9b10';
const EVENT_NAMESPACE = 'b5d3a0e2-8f4c-4e1a-bb27-0c9e5d4f3a21';

/**
 * A victim's id follows from the crime that opened the journey: the police area, its crime
 * reference and the victim's number in it. So a retried crime report can never open a second
 * stream for the same victim, and a force can find a victim from its own reference.
 */
export function victimIdFor(
  policeArea: string,
  crimeReference: string,
  victimNumber: number,
): string {
  return uuidv5(`${policeArea}|${crimeReference.toUpperCase()}|${victimNumber}`, VICTIM_NAMESPACE);
}

export function victimStreamId(victimId: string): string {
  return `${VICTIM_STREAM_PREFIX}${victimId}`;
}

/** The stored event id: derived from the agency and its own event id, so a retry maps to the same id. */
export function storedEventIdFor(agencyId: string, agencyEventId: string): string {
  return uuidv5(`${agencyId}|${agencyEventId}`, EVENT_NAMESPACE);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isVictimId(value: string): boolean {
  return UUID.test(value);
}
