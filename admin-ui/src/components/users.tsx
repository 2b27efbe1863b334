import { useGetIdentity, useList } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../providers/access-control';
import { api, ok, type Schemas, type Sent } from '../api/client';
import type { Identity } from '../providers/session';

type UserRow = Pick<Sent<Schemas['UserPublic']>, 'id' | 'fullName' | 'isActive'>;

/**
 * Names of the organisation's active users. Every CRM reader gets them from the user directory
 * (`/users/directory`, CRM_CONTACTS_VIEW); a pure user administrator falls back to the user list.
 * Ids nobody can resolve (e.g. a deactivated user) show shortened.
 */
export function useUsers() {
  const { t } = useTranslation();
  const { data: me } = useGetIdentity<Identity>();
  const canDirectory = hasPermission('CRM_CONTACTS_VIEW');
  const canList = !canDirectory && hasPermission('USER_ADMIN');
  const directory = useQuery({
    queryKey: ['users-directory'],
    enabled: canDirectory,
    staleTime: 5 * 60_000,
    queryFn: () => ok(api.GET('/api/v1/users/directory')),
  });
  const { result } = useList<UserRow>({
    resource: 'users',
    pagination: { currentPage: 1, pageSize: 200 },
    queryOptions: { enabled: canList, staleTime: 5 * 60_000 },
  });
  const users: { id: string; fullName: string }[] = canDirectory
    ? (directory.data?.data ?? [])
    : canList
      ? result.data.filter((u) => u.isActive)
      : [];
  const nameOf = (id: string | null | undefined): string => {
    if (!id) return '—';
    if (id === me?.id) return `${me.fullName} (${t('common:me')})`;
    return users.find((u) => u.id === id)?.fullName ?? `#${id.slice(0, 8)}`;
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
