import { useGetIdentity, useList } from '@refinedev/core';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../providers/access-control';
import type { Identity } from '../providers/session';

interface UserRow {
  id: string;
  fullName: string;
  email: string;
  isActive: boolean;
}

/**
 * Names of the organisation's users. The user list needs USER_ADMIN, so an agent only knows itself
 * ("Me"); other ids show shortened until the API offers a user lookup for CRM roles.
 */
export function useUsers() {
  const { t } = useTranslation();
  const { data: me } = useGetIdentity<Identity>();
  const canList = hasPermission('USER_ADMIN');
  const { result } = useList<UserRow>({
    resource: 'users',
    pagination: { currentPage: 1, pageSize: 200 },
    queryOptions: { enabled: canList, staleTime: 5 * 60_000 },
  });
  const users = canList ? result.data.filter((u) => u.isActive) : [];
  const nameOf = (id: string | null | undefined): string => {
    if (!id) return '—';
    if (id === me?.id) return `${me.fullName} (${t('common:me')})`;
    return result.data.find((u) => u.id === id)?.fullName ?? `#${id.slice(0, 8)}`;
  };
  const options = [
    ...(me ? [{ value: me.id, label: `${me.fullName} (${t('common:me')})` }] : []),
    ...users.filter((u) => u.id !== me?.id).map((u) => ({ value: u.id, label: u.fullName })),
  ];
  return { nameOf, options, meId: me?.id };
}

export function UserName({ id }: { id: string | null | undefined }) {
  const { nameOf } = useUsers();
  return <>{nameOf(id)}</>;
}
