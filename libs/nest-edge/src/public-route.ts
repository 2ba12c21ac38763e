import { SetMetadata } from '@nestjs/common';

/** The metadata key the API's key guard reads. */
export const PUBLIC_ROUTE = 'victim-journey:public';

/** Marks a route that needs no API key (health, metrics, docs, the published schema catalogue). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
