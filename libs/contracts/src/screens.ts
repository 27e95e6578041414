/**
 * The agent console's screens (its client-side routes): the one list the console's router and menu take their paths
 * from, and the API answers each with the console's page, so that a reload or a shared link opens the screen.
 */
export const CONSOLE_SCREENS = [
  '/',
  '/login',
  '/intake',
  '/tickets',
  '/tickets/:id',
  '/inbox',
  '/callbacks',
  '/wallboard',
  '/supervision',
  '/rankings',
  '/warnings',
  '/incidents',
  '/catalogue',
  '/tracking',
  '/leader',
  '/backlog',
] as const;

export type ConsoleScreen = (typeof CONSOLE_SCREENS)[number];
