import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods the page answers. HEAD is answered as GET (Node leaves the body out). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The `:name` segments of a path pattern as an object, e.g. `/sessions/:id` → `{ id }`. */
export type PathParams<P extends string> = { readonly [K in ParamNames<P>]: string };

/** What a route's handler gets: the request, its decoded path parameters and checked body. */
export interface RouteContext<P extends string, B> {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: PathParams<P>;
  body: B;
}

/** One route: a method and a path pattern (`/api/sessions/:id/bookmark`) to a handler. */
export interface RouteSpec<P extends string, B> {
  method: HttpMethod;
  path: P;
  /** Reads and checks the body; throws `BadRequestError` for a 400. Without it the body is discarded. */
  body?: (request: IncomingMessage) => Promise<B>;
  handle(context: RouteContext<P, B>): void | Promise<void>;
}

/** A route with its types erased, so routes of different shapes fit in one table. */
export interface Route {
  method: HttpMethod;
  path: string;
  segments: readonly string[];
  body?: (request: IncomingMessage) => Promise<unknown>;
  handle(context: RouteContext<string, unknown>): void | Promise<void>;
}

/** A table entry; the path's parameters and the body's type flow into the handler. */
export function route<const P extends string, B = unknown>(spec: RouteSpec<P, B>): Route {
  return {
    method: spec.method,
    path: spec.path,
    segments: spec.path.split('/').filter(Boolean),
    ...(spec.body ? { body: spec.body } : {}),
    handle: spec.handle as Route['handle'],
  };
}

/** What {@link matchRoute} found. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  /** The path exists, with other methods. */
  | { kind: 'method'; allow: HttpMethod[] }
  | { kind: 'none' };

function matchPath(route: Route, segments: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let n = 0; n < segments.length; n++) {
    const pattern = route.segments[n]!;
    if (pattern.startsWith(':')) params[pattern.slice(1)] = segments[n]!;
    else if (pattern !== segments[n]) return undefined;
  }
  return params;
}

/** The route for a method and decoded path segments; patterns are tried in table order. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  segments: readonly string[],
): RouteMatch {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const allow: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchPath(route, segments);
    if (!params) continue;
    if (route.method === wanted) return { kind: 'found', route, params };
    if (!allow.includes(route.method)) allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
}

/** A path's segments, percent-decoded; `undefined` when one does not decode. */
export function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
