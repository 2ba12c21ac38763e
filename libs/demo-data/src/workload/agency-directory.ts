import { hashApiKey, type CallerKind } from '@vj/agencies';
import { areaName, WORKLOAD_AREAS } from './areas';

/**
 * The agency directory for load runs: the development directory's agencies (West Yorkshire,
 * Greater Manchester, the national bodies, PCC teams, the operator) and, for each of the other
 * 41 areas, the five agencies the generator posts as there. Like the development directory,
 * each agency's API key is `dev-<agency id>`: it is for development and load runs only, never
 * for production. Start the API with `AGENCIES_FILE` pointing at it to post the workload.
 */
export function loadAgencyDirectory(development: { agencies: readonly { id: string }[] }): {
  _comment: string;
  agencies: unknown[];
} {
  const known = new Set(development.agencies.map((a) => a.id));
  const generated = WORKLOAD_AREAS.filter((a) => !a.inDevelopmentDirectory).flatMap((a) => {
    const name = areaName(a.area);
    const entries: [string, CallerKind, string][] = [
      [a.police, 'police', `${name} Police`],
      [a.cps, 'cps', `CPS ${name}`],
      [a.wcu, 'witness-care-unit', `${name} Witness Care Unit`],
      [a.court, 'court', `${name} courts`],
      [a.probation, 'probation', `Probation Service ${name}`],
    ];
    return entries
      .filter(([id]) => !known.has(id))
      .map(([id, kind, agencyName]) => ({
        id,
        name: agencyName,
        kind,
        homeArea: a.area,
        areas: [a.area],
        apiKeySha256: [hashApiKey(`dev-${id}`)],
      }));
  });
  return {
    _comment:
      "LOAD RUNS ONLY, written by `npm run generate -- --agencies-file`: the development agencies and one police force, CPS area, Witness Care Unit, court centre and probation region for every other area. Each agency's key is 'dev-' + its id.",
    agencies: [...development.agencies, ...generated],
  };
}
