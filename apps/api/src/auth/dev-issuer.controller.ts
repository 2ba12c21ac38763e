import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController, ApiQuery } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { AuthorizationRequest, DevIssuer } from '@vj/identity';
import { IDENTITY, Public } from '@vj/nest-edge';
import type { Identity } from '@vj/runtime';
import { views } from '../web/render';
import { pageContentSecurityPolicy } from '../web/web-security';

/** Basic client credentials (RFC 6749 §2.3.1: each part form-urlencoded), if sent. */
function basicCredentials(header: string | undefined) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  if (id === undefined || secret === undefined) return undefined;
  return { clientId: decodeURIComponent(id), secret: decodeURIComponent(secret) };
}

/**
 * The built-in development issuer (OpenID Connect discovery, keys, authorize, token), served by
 * the API itself when no OIDC_ISSUER is configured; configuration refuses it in production. Not
 * part of the API's contract, so it is left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('dev-issuer')
export class DevIssuerController {
  private readonly issuer: DevIssuer;

  constructor(@Inject(IDENTITY) identity: Identity) {
    if (!identity.devIssuer) throw new Error('the development issuer is mounted without its keys');
    this.issuer = identity.devIssuer;
  }

  @Get('.well-known/openid-configuration')
  @Public()
  metadata() {
    return this.issuer.metadata();
  }

  @Get('jwks')
  @Public()
  jwks() {
    return this.issuer.jwks();
  }

  @Get('authorize')
  @Public()
  // Declared, as every route's query is (DeclaredQueryOnly), though left out of the document.
  @ApiQuery({ name: 'response_type', required: false })
  @ApiQuery({ name: 'client_id', required: false })
  @ApiQuery({ name: 'redirect_uri', required: false })
  @ApiQuery({ name: 'scope', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'nonce', required: false })
  @ApiQuery({ name: 'code_challenge', required: false })
  @ApiQuery({ name: 'code_challenge_method', required: false })
  authorize(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.page(res, this.issuer.authorizationRequest(query));
  }

  @Post('authorize')
  @Public()
  signIn(@Body() form: Record<string, unknown> | undefined, @Res() res: Response): void {
    const request = this.issuer.authorizationRequest(form ?? {});
    if (typeof request === 'string') return this.page(res, request);
    const { username, password } = form ?? {};
    const back =
      typeof username === 'string' && typeof password === 'string'
        ? this.issuer.signIn(request, username, password)
        : undefined;
    if (!back) {
      const fieldErrors = {
        ...(typeof username !== 'string' || username.trim() === ''
          ? { username: 'Enter your user name' }
          : {}),
        ...(typeof password !== 'string' || password === ''
          ? { password: 'Enter your password' }
          : {}),
      };
      return this.page(
        res,
        request,
        Object.keys(fieldErrors).length > 0
          ? fieldErrors
          : { username: 'Unknown user or wrong password' },
        typeof username === 'string' ? username : '',
        401,
      );
    }
    res.redirect(302, back);
  }

  @Post('token')
  @Public()
  @HttpCode(200)
  async token(
    @Body() form: Record<string, unknown> | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.issuer.token(form ?? {}, basicCredentials(authorization));
    res.setHeader('Cache-Control', 'no-store');
    if ('status' in answer) res.status(answer.status).json(answer.body);
    else res.status(200).json(answer);
  }

  /** The sign-in form (a GOV.UK page), or what is wrong with the request (400). */
  private page(
    res: Response,
    request: AuthorizationRequest | string,
    fieldErrors: Record<string, string> = {},
    username = '',
    status = 200,
  ): void {
    res.setHeader('Cache-Control', 'no-store');
    if (typeof request === 'string') {
      res.setHeader('Content-Security-Policy', "default-src 'none'");
      res.status(400).type('text/plain').send(`Invalid sign-in request: ${request}`);
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    // The pages' policy, and the form goes back to the issuer only.
    res.setHeader('Content-Security-Policy', pageContentSecurityPolicy(nonce));
    const hidden = Object.entries({
      ...request,
      response_type: 'code',
      code_challenge_method: 'S256',
    }).map(([name, value]) => ({ name, value }));
    const errors = Object.entries(fieldErrors).map(([field, text]) => ({
      text,
      href: `#${field}`,
    }));
    res
      .status(status)
      .type('html')
      .send(
        views().render('sign-in/dev-issuer.njk', {
          cspNonce: nonce,
          hidden,
          username,
          fieldErrors,
          errors,
          navigation: [],
        }),
      );
  }
}
