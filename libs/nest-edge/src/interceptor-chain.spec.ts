import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { catchError, firstValueFrom, map, of, throwError, type Observable } from 'rxjs';
import { InterceptorChain } from './interceptor-chain';

const context = {} as ExecutionContext;

/** Notes when it is entered, and wraps the answer in its name. */
const named = (name: string, log: string[]): NestInterceptor => ({
  intercept: (_context, next) => {
    log.push(`enter ${name}`);
    return next.handle().pipe(map((answer) => `${name}(${String(answer)})`));
  },
});

describe('an interceptor chain', () => {
  it('runs each around the next, the handler innermost, in order', async () => {
    const log: string[] = [];
    const handler: CallHandler = {
      handle: () => {
        log.push('handler');
        return of('answer');
      },
    };
    const chain = new InterceptorChain([named('a', log), named('b', log), named('c', log)]);
    expect(await firstValueFrom(chain.intercept(context, handler))).toBe('a(b(c(answer)))');
    expect(log).toEqual(['enter a', 'enter b', 'enter c', 'handler']);
  });

  it('starts an inner one only when the outer subscribes, and takes promised observables', async () => {
    const log: string[] = [];
    const late: NestInterceptor = {
      intercept: async (_context, next) => {
        await Promise.resolve();
        log.push('enter late');
        return next.handle();
      },
    };
    const chain = new InterceptorChain([late, named('inner', log)]);
    const answer = chain.intercept(context, { handle: () => of('answer') });
    expect(log).toEqual([]);
    expect(await firstValueFrom(answer)).toBe('inner(answer)');
    expect(log).toEqual(['enter late', 'enter inner']);
  });

  it('lets an outer one see what an inner one throws, as an error', async () => {
    const refusing: NestInterceptor = {
      intercept: () => {
        throw new Error('refused');
      },
    };
    const seen: string[] = [];
    const watching: NestInterceptor = {
      intercept: (_context, next): Observable<unknown> =>
        next.handle().pipe(
          catchError((error: Error) => {
            seen.push(error.message);
            return throwError(() => error);
          }),
        ),
    };
    const handler = { handle: jest.fn(() => of('answer')) };
    const chain = new InterceptorChain([watching, refusing]);
    await expect(firstValueFrom(chain.intercept(context, handler))).rejects.toThrow('refused');
    expect(seen).toEqual(['refused']);
    expect(handler.handle).not.toHaveBeenCalled();
  });
});
