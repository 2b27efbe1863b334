import { Navigate } from 'react-router';

/** `/` opens the dashboard. */
export function HomePage() {
  return <Navigate to="/dashboard" replace />;
}
