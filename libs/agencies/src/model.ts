// The agencies' pure model (kinds, areas, who serves where), without the API-key directory and
// its hashing: what pure code such as the access policy may import.
export * from './agency';
export * from './police-areas';
