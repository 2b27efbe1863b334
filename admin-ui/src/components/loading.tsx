import { Skeleton } from 'antd';
import type { ReactNode } from 'react';

interface LoadingTable<T> {
  loading?: unknown;
  dataSource?: readonly T[];
}

/**
 * Props to spread after a list's `tableProps`: on its first load, skeleton rows in place of the
 * table's spinner over an empty body (read as "there is nothing"); later loads keep the rows shown
 * under the spinner. `emptyText` is what an empty answer says.
 */
export function tableSkeleton<T>(table: LoadingTable<T>, emptyText?: ReactNode) {
  if (table.loading && !table.dataSource?.length) {
    return {
      loading: false,
      dataSource: [] as T[],
      locale: { emptyText: <Skeleton active title={false} paragraph={{ rows: 6 }} /> },
    };
  }
  return emptyText === undefined ? {} : { locale: { emptyText } };
}
