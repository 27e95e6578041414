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
const Incidents = lazy(() => import('./pages/incidents'));
const Tracking = lazy(() => import('./pages/tracking'));
const Leader = lazy(() => import('./pages/leader'));
const Backlog = lazy(() => import('./pages/backlog'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { path: 'intake', element: <Intake /> },
      { path: 'tickets', element: <Tickets /> },
      { path: 'tickets/:id', element: <TicketDetail /> },
      { path: 'inbox', element: <Inbox /> },
      { path: 'callbacks', element: <Callbacks /> },
      { path: 'wallboard', element: <Wallboard /> },
      { path: 'supervision', element: <Supervision /> },
      { path: 'catalogue', element: <Catalogue /> },
      { path: 'rankings', element: <Rankings /> },
      { path: 'incidents', element: <Incidents /> },
      { path: 'tracking', element: <Tracking /> },
      { path: 'leader', element: <Leader /> },
      { path: 'backlog', element: <Backlog /> },
    ],
  },
]);
