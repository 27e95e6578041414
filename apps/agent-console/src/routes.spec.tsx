import { CONSOLE_SCREENS } from '@hotline/contracts';
import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { MENU } from './layout/menu';
import { router } from './routes';

/** Every path the router knows, made absolute. */
function paths(routes: readonly RouteObject[], parent = ''): string[] {
  return routes.flatMap((r) => {
    const here = r.path === undefined ? parent : r.path.startsWith('/') ? r.path : `${parent.replace(/\/$/, '')}/${r.path}`;
    return [...(r.path === undefined ? [] : [here]), ...paths(r.children ?? [], here)];
  });
}

describe('the screens come from one list (libs/contracts CONSOLE_SCREENS)', () => {
  it('routes exactly the screens the API serves the page at', () => {
    expect(paths(router.routes).sort()).toEqual([...CONSOLE_SCREENS].sort());
  });

  it('has a menu entry for every screen but the sign-in, the home redirect and a ticket’s own page', () => {
    const menu = MENU.map((m) => m.path).sort();
    expect(menu).toEqual(CONSOLE_SCREENS.filter((p) => !['/', '/login', '/tickets/:id'].includes(p)).sort());
  });
});
