import type { ConsoleScreen } from '@hotline/contracts';
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import LoginPage from './pages/login';

// One chunk per screen: an agent's browser never downloads the wallboard's charts.
const Intake = lazy(() => import('./pages/intake'));
const Tickets = lazy(() => import('./pages/tickets'));
const TicketDetail = lazy(() => import('./pages/ticket-detail'));
const Inbox = lazy(() => import('./pages/inbox'));
const Callbacks = lazy(() => import('./pages/callbacks'));
const Wallboard = lazy(() => import('./pages/wallboard'));
const Supervision = lazy(() => import('./pages/supervision'));
const Catalogue = lazy(() => import('./pages/catalogue'));
const Rankings = lazy(() => import('./pages/rankings'));
const Warnings = lazy(() => import('./pages/warnings'));
const Incidents = lazy(() => import('./pages/incidents'));
const Tracking = lazy(() => import('./pages/tracking'));
const Leader = lazy(() => import('./pages/leader'));
const Backlog = lazy(() => import('./pages/backlog'));

/** A screen's path below the layout's route (libs/contracts CONSOLE_SCREENS: the API serves the page at each). */
const screen = (path: ConsoleScreen) => path.slice(1);

export const router = createBrowserRouter([
  { path: '/login' satisfies ConsoleScreen, element: <LoginPage /> },
  {
    path: '/' satisfies ConsoleScreen,
    element: <AppLayout />,
    children: [
      { path: screen('/intake'), element: <Intake /> },
      { path: screen('/tickets'), element: <Tickets /> },
      { path: screen('/tickets/:id'), element: <TicketDetail /> },
      { path: screen('/inbox'), element: <Inbox /> },
      { path: screen('/callbacks'), element: <Callbacks /> },
      { path: screen('/wallboard'), element: <Wallboard /> },
      { path: screen('/supervision'), element: <Supervision /> },
      { path: screen('/catalogue'), element: <Catalogue /> },
      { path: screen('/rankings'), element: <Rankings /> },
      { path: screen('/warnings'), element: <Warnings /> },
      { path: screen('/incidents'), element: <Incidents /> },
      { path: screen('/tracking'), element: <Tracking /> },
      { path: screen('/leader'), element: <Leader /> },
      { path: screen('/backlog'), element: <Backlog /> },
    ],
  },
]);
