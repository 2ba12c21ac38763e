/**
 * The 43 police force areas of England and Wales. Reports are keyed by area, not by office
 * holder: PCC functions sit with mayors in some areas and PCCs are due to be replaced from 2028.
 */
export const POLICE_AREAS = [
  'avon-and-somerset',
  'bedfordshire',
  'cambridgeshire',
  'cheshire',
  'city-of-london',
  'cleveland',
  'cumbria',
  'derbyshire',
  'devon-and-cornwall',
  'dorset',
  'durham',
  'dyfed-powys',
  'essex',
  'gloucestershire',
  'greater-manchester',
  'gwent',
  'hampshire',
  'hertfordshire',
  'humberside',
  'kent',
  'lancashire',
  'leicestershire',
  'lincolnshire',
  'merseyside',
  'metropolitan',
  'norfolk',
  'north-wales',
  'north-yorkshire',
  'northamptonshire',
  'northumbria',
  'nottinghamshire',
  'south-wales',
  'south-yorkshire',
  'staffordshire',
  'suffolk',
  'surrey',
  'sussex',
  'thames-valley',
  'warwickshire',
  'west-mercia',
  'west-midlands',
  'west-yorkshire',
  'wiltshire',
] as const;

export type PoliceArea = (typeof POLICE_AREAS)[number];

export function isPoliceArea(value: string): value is PoliceArea {
  return (POLICE_AREAS as readonly string[]).includes(value);
}
