import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { buildEventCatalogue } from '@vj/event-schemas';
import type {
  NotificationPayload,
  SIGNATURE_HEADER as SignatureHeader,
  TIMESTAMP_HEADER as TimestampHeader,
} from '@vj/deadline-scheduling';
import { eventSchemaComponents } from './event-schemas';
import { ref, RESPONSE_SCHEMAS } from './response-schemas';

type PathItemObject = NonNullable<OpenAPIObject['webhooks']>[string];
type OperationObject = NonNullable<PathItemObject['get']>;

// The worker's names, checked by the compiler; a type-only import keeps BullMQ out of the API.
const SIGNATURE_HEADER: typeof SignatureHeader = 'X-Victim-Journey-Signature';
const TIMESTAMP_HEADER: typeof TimestampHeader = 'X-Victim-Journey-Timestamp';

/**
 * The project is UNLICENSED (package.json): the contract is published to agencies, not licensed.
 * OpenAPI 3.1 takes an SPDX expression; `LicenseRef-` is SPDX's form for a licence of one's own.
 */
const LICENSE = { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' };

const notification = (
  kind: NotificationPayload['kind'],
  summary: string,
  description: string,
): PathItemObject => ({
  post: {
    operationId: `${kind}Notification`,
    tags: ['webhooks'],
    summary,
    description: `${description} Posted to the owing agency's configured webhook URL, at least once: drop a repeat by its \`id\`. Verify ${SIGNATURE_HEADER} before trusting the body.`,
    security: [],
    parameters: [
      {
        name: TIMESTAMP_HEADER,
        in: 'header',
        required: true,
        description: 'When it was sent, in seconds since the epoch: refuse an old one as a replay',
        schema: { type: 'string', pattern: '^\\d+$' },
      },
      {
        name: SIGNATURE_HEADER,
        in: 'header',
        required: true,
        description:
          "`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`, keyed with the agency's webhook secret",
        schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
      },
    ],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: ref('Notification') } },
    },
    responses: {
      '2XX': { description: 'Received' },
      '4XX': {
        description:
          'Refused (or any other status, or no answer in time): sent again with exponential backoff, then shown to operators as failed',
      },
    },
  },
});

const WEBHOOKS = {
  reminder: notification(
    'reminder',
    'An entitlement falls due soon',
    'Sent REMINDER_WORKING_DAYS working days before the deadline of an entitlement still open.',
  ),
  breach: notification(
    'breach',
    'An entitlement was breached',
    'Sent when the deadline of an entitlement ended without it being met.',
  ),
};

/**
 * The API's OpenAPI 3.1 document, the one `/docs` shows and `/docs/openapi.json` serves.
 * @nestjs/swagger builds the paths from the controllers' decorators; the components, the
 * webhooks and what 3.1 changed are added here, in one place.
 */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Victim Journey')
    .setDescription(
      "Agencies post a victim's journey through the criminal justice system as events, one stream per victim. Event schemas: GET /v1/event-schemas.",
    )
    .setVersion('1')
    .addServer('http://127.0.0.1:3000', 'A local service (npm start)')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description:
        'An agency API key, or an access token of the issuer (an agency’s or a person’s)',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.info.license = LICENSE;
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...RESPONSE_SCHEMAS,
      ...eventSchemaComponents(buildEventCatalogue()),
    },
  };
  document.webhooks = WEBHOOKS;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      // Public or not is declared per operation (a public one says security: []), never assumed.
      if (operation.security === undefined) {
        throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} declares no security`);
      }
      // A query parameter declared without a type is what a query string holds: a string.
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.schema && Object.keys(parameter.schema).length === 0) {
          parameter.schema = { type: 'string' };
        }
      }
    }
  }
  return withoutOpenApi30(document) as OpenAPIObject;
}

/**
 * What @nestjs/swagger still writes the 3.0 way, as 3.1 (JSON Schema 2020-12) has it:
 * `nullable: true` becomes a `null` type, `example` in a schema becomes `examples`.
 */
export function withoutOpenApi30(node: unknown, inSchema = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutOpenApi30(n, inSchema));
  if (node === null || typeof node !== 'object') return node;
  const { nullable, example, ...rest } = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] = withoutOpenApi30(value, inSchema || key === 'schema' || key === 'schemas');
  }
  if (nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { oneOf: [out, { type: 'null' }] };
  }
  if (example !== undefined) {
    if (inSchema) out.examples = [example];
    else out.example = example;
  }
  return out;
}
