import { POLICE_AREAS, type PoliceArea } from '@vj/agencies';
import { DEMO_AREAS, type JourneyArea } from '../demo-journeys';

/**
 * The 43 police areas of England and Wales as the workload generator sees them: each force's
 * two-digit code (the start of its crime references), two letters for its case URNs, and a
 * weight, roughly the crimes it records in a year in thousands (ONS police recorded crime,
 * year to March 2024, rounded: an assumption for load, not a statistic to report).
 */
const FORCES: Readonly<Record<PoliceArea, readonly [code: string, unit: string, weight: number]>> =
  {
    'avon-and-somerset': ['52', 'AS', 130],
    bedfordshire: ['40', 'BD', 55],
    cambridgeshire: ['35', 'CB', 70],
    cheshire: ['07', 'CH', 80],
    'city-of-london': ['48', 'CL', 8],
    cleveland: ['17', 'CV', 70],
    cumbria: ['03', 'CU', 35],
    derbyshire: ['30', 'DB', 80],
    'devon-and-cornwall': ['50', 'DC', 110],
    dorset: ['55', 'DO', 45],
    durham: ['11', 'DU', 50],
    'dyfed-powys': ['63', 'DP', 30],
    essex: ['42', 'EX', 150],
    gloucestershire: ['53', 'GL', 45],
    'greater-manchester': ['06', 'MC', 330],
    gwent: ['61', 'GW', 55],
    hampshire: ['44', 'HA', 170],
    hertfordshire: ['41', 'HT', 90],
    humberside: ['16', 'HU', 100],
    kent: ['46', 'KT', 180],
    lancashire: ['04', 'LA', 140],
    leicestershire: ['33', 'LE', 80],
    lincolnshire: ['32', 'LI', 55],
    merseyside: ['05', 'ME', 130],
    metropolitan: ['01', 'MP', 900],
    norfolk: ['36', 'NF', 65],
    'north-wales': ['60', 'NW', 60],
    'north-yorkshire': ['12', 'NY', 50],
    northamptonshire: ['34', 'NH', 60],
    northumbria: ['10', 'NB', 140],
    nottinghamshire: ['31', 'NT', 100],
    'south-wales': ['62', 'SW', 110],
    'south-yorkshire': ['14', 'SY', 150],
    staffordshire: ['21', 'ST', 80],
    suffolk: ['37', 'SK', 55],
    surrey: ['45', 'SR', 70],
    sussex: ['47', 'SX', 130],
    'thames-valley': ['43', 'TV', 150],
    warwickshire: ['23', 'WK', 40],
    'west-mercia': ['22', 'WM', 100],
    'west-midlands': ['20', 'WD', 330],
    'west-yorkshire': ['13', 'LD', 300],
    wiltshire: ['54', 'WI', 45],
  };

/** `'north-yorkshire'` → `'North Yorkshire'`; `'avon-and-somerset'` → `'Avon and Somerset'`. */
export function areaName(area: string): string {
  return area
    .split('-')
    .map((w) => (w === 'and' || w === 'of' ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

export interface WorkloadArea extends JourneyArea {
  area: PoliceArea;
  /** Roughly the crimes the force records in a year, in thousands: how often the area is drawn. */
  weight: number;
  /** True for the areas whose agencies `config/agencies.dev.json` already holds. */
  inDevelopmentDirectory: boolean;
}

/**
 * Every area, with the agencies that post for it: West Yorkshire and Greater Manchester keep the
 * development directory's agencies (the demo's); every other area has its own police force, CPS
 * area, Witness Care Unit, court centre and probation region, named `<kind>-<area>`
 * (`police-kent`), which only the generated load directory holds (agency-directory.ts).
 */
export const WORKLOAD_AREAS: readonly WorkloadArea[] = POLICE_AREAS.map((area): WorkloadArea => {
  const [forceCode, urnUnit, weight] = FORCES[area];
  const demo = DEMO_AREAS.find((a) => a.area === area);
  if (demo) return { ...demo, area, forceCode, urnUnit, weight, inDevelopmentDirectory: true };
  const name = areaName(area);
  return {
    area,
    forceCode,
    urnUnit,
    weight,
    police: `police-${area}`,
    cps: `cps-${area}`,
    wcu: `wcu-${area}`,
    court: `court-${area}`,
    probation: `probation-${area}`,
    magistratesCourt: `${name} Magistrates Court`,
    crownCourt: `${name} Crown Court`,
    inDevelopmentDirectory: false,
  };
});
