/** Whether a Docker engine answers its API's ping within `timeoutMs` (2 s). */
export function dockerEngineAnswers(env?: NodeJS.ProcessEnv, timeoutMs?: number): Promise<boolean>;
