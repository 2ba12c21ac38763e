import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { defer, from, isObservable, mergeAll, type Observable } from 'rxjs';

/**
 * Interceptors run as one, the first around the second and so on, as Nest runs a list of global
 * interceptors: each is subscribed to only when the one around it asks (`handle()`), and what one
 * throws reaches those around it as an error. Nest wraps each step of its list in an async
 * resource and a deferred promise, a cost paid on every request for each interceptor; a chain
 * registered as one global interceptor pays it once. (Nothing here uses async local storage, which
 * those resources carry.)
 */
export class InterceptorChain implements NestInterceptor {
  constructor(private readonly links: readonly NestInterceptor[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return this.from(0, context, next);
  }

  private from(index: number, context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const link = this.links[index];
    if (!link) return next.handle();
    const answer = link.intercept(context, {
      handle: () => defer(() => this.from(index + 1, context, next)),
    });
    return isObservable(answer) ? answer : from(answer).pipe(mergeAll());
  }
}
