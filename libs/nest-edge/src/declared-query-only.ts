import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { FieldError } from '@vj/event-schemas';
import type { Observable } from 'rxjs';

interface DeclaredParameter {
  name?: unknown;
  in?: unknown;
}

/** The query parameters a route declares with `@ApiQuery`: the same list the OpenAPI document shows. */
export function declaredQueryParameters(handler: object): string[] {
  const declared = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ??
    []) as DeclaredParameter[];
  return declared.filter((p) => p.in === 'query').map((p) => String(p.name));
}

/**
 * A query parameter the route does not declare is a 400 naming it, on every route. A misspelt
 * `?expectedrevision=0` would otherwise be ignored and the post stored unconditionally. The
 * allowed names come from each route's `@ApiQuery` metadata, so the contract and this check
 * cannot disagree. An interceptor, so it runs after the guards: an unknown caller learns nothing
 * about a route's parameters.
 */
@Injectable()
export class DeclaredQueryOnly implements NestInterceptor {
  private readonly declaredOf = new WeakMap<object, Set<string>>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const query = context.switchToHttp().getRequest<{ query?: unknown }>().query;
    const names = typeof query === 'object' && query !== null ? Object.keys(query) : [];
    if (names.length > 0) {
      const declared = this.declared(context.getHandler());
      const unknown = names.filter((name) => !declared.has(name));
      if (unknown.length > 0) throw new UnknownQueryParameters(unknown, declared);
    }
    return next.handle();
  }

  private declared(handler: object): Set<string> {
    let names = this.declaredOf.get(handler);
    if (!names) {
      names = new Set(declaredQueryParameters(handler));
      this.declaredOf.set(handler, names);
    }
    return names;
  }
}

/** The answer: every unknown parameter named, with the one meant when only its case differs. */
export class UnknownQueryParameters extends HttpException {
  readonly errors: FieldError[];
  readonly detail: string;

  constructor(unknown: string[], declared: ReadonlySet<string>) {
    const errors = unknown.map((name) => ({ field: name, reason: reasonFor(name, declared) }));
    const detail = `unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;
    super({ status: HttpStatus.BAD_REQUEST, detail, errors }, HttpStatus.BAD_REQUEST);
    this.errors = errors;
    this.detail = detail;
  }
}

function reasonFor(name: string, declared: ReadonlySet<string>): string {
  const meant = [...declared].find((d) => d.toLowerCase() === name.toLowerCase());
  if (meant) return `is not a parameter of this endpoint; did you mean ${meant}?`;
  return declared.size === 0
    ? 'is not a parameter of this endpoint, which takes none'
    : `is not a parameter of this endpoint, which takes ${[...declared].sort().join(', ')}`;
}
