import { describe, expect, expectTypeOf, it } from 'vitest';
import { matchRoute, type PathParams, pathSegments, route } from './route-table';

const noop = () => {};

describe('matchRoute', () => {
  const routes = [
    route({ method: 'GET', path: '/', handle: noop }),
    route({ method: 'GET', path: '/sessions/:id', handle: noop }),
    route({ method: 'DELETE', path: '/sessions/:id', handle: noop }),
    route({ method: 'GET', path: '/sessions/:id/export', handle: noop }),
    route({ method: 'GET', path: '/traces/:id/observations/:observationId', handle: noop }),
  ];

  it('finds the route for a method and path, with its parameters', () => {
    const found = matchRoute(routes, 'GET', pathSegments('/sessions/a%2Fb')!);
    expect(found).toMatchObject({ kind: 'found', params: { id: 'a/b' } });
    expect(matchRoute(routes, 'GET', [])).toMatchObject({ kind: 'found', params: {} });
    expect(matchRoute(routes, 'HEAD', ['sessions', 'x', 'export'])).toMatchObject({
      kind: 'found',
      route: { path: '/sessions/:id/export' },
    });
    expect(matchRoute(routes, 'GET', ['traces', 't', 'observations', 'o'])).toMatchObject({
      params: { id: 't', observationId: 'o' },
    });
  });

  it('tells a path with other methods from one that does not exist', () => {
    expect(matchRoute(routes, 'PUT', ['sessions', 'x'])).toEqual({
      kind: 'method',
      allow: ['GET', 'DELETE'],
    });
    expect(matchRoute(routes, 'GET', ['sessions'])).toEqual({ kind: 'none' });
    expect(matchRoute(routes, 'GET', ['sessions', 'x', 'other'])).toEqual({ kind: 'none' });
    expect(pathSegments('/sessions/%E0%A4%A')).toBeUndefined();
  });

  it('types the parameters from the pattern', () => {
    expectTypeOf<PathParams<'/traces/:id/observations/:observationId'>>().toEqualTypeOf<{
      readonly id: string;
      readonly observationId: string;
    }>();
    expectTypeOf<PathParams<'/styles.css'>>().toEqualTypeOf<{}>();
  });
});
