import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type Request, type Response } from 'express';
import { DEV_ISSUER_PATH } from '@vj/identity';
import { JsonLogger } from '@vj/observability';
import { AppModule, type AppOverrides } from './app.module';
import type { AppConfig } from '@vj/runtime';
import type { Clock } from '@vj/clock';
import { CLOCK, securityHeaders } from '@vj/nest-edge';
import { problem, sendProblem } from './http/problem';
import { docsSecurityHeaders } from './openapi/docs-content-security-policy';
import { openApiDocumentOf } from './openapi/openapi-document';
import { useWebSecurity } from './web/web-security';

/** Builds the HTTP service; `main.ts` listens, tests drive it in process. */
export async function createApp(
  config: AppConfig,
  overrides: AppOverrides = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, overrides),
    {
      bodyParser: false,
      logger: overrides.logger ?? new JsonLogger(config.logLevel, 'api'),
    },
  );
  app.disable('x-powered-by');
  // First, so that every answer has them, the not-found fallback included.
  app.use(securityHeaders());
  // The development issuer's sign-in form and token endpoint take forms, as OAuth2 has it.
  if (!config.identity.oidcIssuer)
    app.use(DEV_ISSUER_PATH, express.urlencoded({ extended: false, limit: '16kb' }));

  // The web pages: GOV.UK Frontend's assets, and sessions, forms, CSRF and CSP on page paths only.
  const web = useWebSecurity(app, config, app.get<Clock>(CLOCK));
  app.use('/docs', docsSecurityHeaders());
  SwaggerModule.setup('docs', app, () => openApiDocumentOf(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });

  // Nest's shutdown hooks close the app's providers; the session store's connection is the pages'.
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await web.close();
  };
  await app.init();
  // Anything no route answered: a problem body rather than Express's HTML page.
  app.use((req: Request, res: Response) =>
    sendProblem(res, problem(404, `no route ${req.method} ${req.path}`)),
  );
  return app;
}
