import { Navigate } from 'react-router';
import { isCoopMemberOnly } from '../../routes/coop-routes';

/** `/` opens the dashboard; a cooperative member (and nothing else) lands on their cooperative. */
export function HomePage() {
  return <Navigate to={isCoopMemberOnly() ? '/coop/me' : '/dashboard'} replace />;
}
