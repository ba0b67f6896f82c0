import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';

type Middleware = MiddlewareHandler | MiddlewareHandler[];

/**
 * The route builder of one API. A route names who may call it (`access`, one of the API's
 * middleware chains) and its own answers; the problem answers the API gives on every route are
 * described once (`problems`) and added to each, so the OpenAPI document lists them on every
 * operation without each route repeating them.
 */
export function routeBuilder<
  const Access extends Record<string, Middleware>,
  const Problems extends RouteConfig['responses'],
>(access: Access, problems: Problems) {
  return <
    const P extends string,
    const R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P; access: keyof Access },
  >(
    route: R,
  ) => {
    const { access: who, ...config } = route;
    return createRoute({
      ...config,
      path: route.path,
      middleware: access[who] as Access[R['access']],
      responses: { ...route.responses, ...problems } as R['responses'] & Problems,
    });
  };
}
