import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FixedClock } from '@vj/clock';
import { loadConfig } from '@vj/runtime';
import { createApp } from '../../apps/api/src/app';
import { freePort } from './api-process';

/** The API with its pages, listening on a free port (the sign-in goes through its own issuer). */
export interface WebApp {
  app: NestExpressApplication;
  base: string;
  dataDir: string;
  clock: FixedClock;
  close: () => Promise<void>;
}

export async function startWebApp(now: string, env: NodeJS.ProcessEnv = {}): Promise<WebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-web-'));
  const port = await freePort();
  const clock = new FixedClock(now);
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEADLINE_CHECK_INTERVAL_MS: '0',
    PORT: String(port),
    ...env,
  });
  const app = await createApp(config, { clock, logger: false });
  await app.listen(port, '127.0.0.1');
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    dataDir,
    clock,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Page {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

/**
 * A browser without JavaScript: keeps its cookies, follows nothing by itself (each redirect is
 * the test's to see), posts forms urlencoded.
 */
export class WebSession {
  private readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header received, as sent: what the cookies' attributes are. */
  readonly setCookies: string[] = [];

  constructor(private readonly base: string) {}

  async get(path: string): Promise<Page> {
    return this.send(path, { method: 'GET' });
  }

  async post(path: string, form: Record<string, string>): Promise<Page> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }

  /** GETs the path and follows redirects, as a browser does. */
  async follow(path: string): Promise<Page> {
    let page = await this.get(path);
    for (let hops = 0; page.location && hops < 10; hops++) page = await this.get(page.location);
    return page;
  }

  /** Signs in through /sign-in and the development issuer's form; the first page after it. */
  async signIn(subject: string, password = `dev-${subject}`): Promise<Page> {
    const started = await this.get('/sign-in');
    const form = await this.get(started.location as string);
    const fields: Record<string, string> = {};
    for (const [, name, value] of form.html.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
    ))
      fields[name as string] = decodeEntities(value as string);
    const signedIn = await this.post('/dev-issuer/authorize', {
      ...fields,
      username: subject,
      password,
    });
    if (!signedIn.location) return signedIn;
    const callback = await this.get(signedIn.location);
    return callback.location ? this.follow(callback.location) : callback;
  }

  /** The CSRF token the page's forms carry. */
  static csrfOf(page: Page): string {
    const token = /name="(?:_csrf" value|csrf-token" content)="([^"]+)"/.exec(page.html)?.[1];
    if (!token) throw new Error('the page has no form with a CSRF token');
    return token;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(path: string, init: RequestInit): Promise<Page> {
    const url = new URL(path, this.base);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const set of res.headers.getSetCookie()) {
      this.setCookies.push(set);
      const [pair = ''] = set.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(set) || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, url).pathname + new URL(location, url).search : null,
      html: await res.text(),
      headers: res.headers,
    };
  }
}

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text of a page without its tags, spaces collapsed: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
