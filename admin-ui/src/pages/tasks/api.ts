import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Reply } from '../../api/client';

export type TaskBucket = 'overdue' | 'today' | 'upcoming';
export type Task = Reply<'/api/v1/tasks', 'get'>['data'][number];
export const BUCKETS: TaskBucket[] = ['overdue', 'today', 'upcoming'];

/** "Today" is the user's today: the browser's zone. */
export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const KEY = ['tasks'];

export function useTaskCounts(assignee: string) {
  return useQuery({
    queryKey: [...KEY, 'counts', assignee],
    queryFn: () => ok(api.GET('/api/v1/tasks/counts', { params: { query: { assignee, tz: timeZone() } } })),
  });
}

export function useTasks(bucket: TaskBucket, assignee: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...KEY, bucket, assignee, page, pageSize],
    queryFn: () =>
      ok(
        api.GET('/api/v1/tasks', {
          params: { query: { bucket, assignee, tz: timeZone(), page, pageSize } },
        }),
      ),
  });
}

/** After a change: every list and count of tasks, and the timelines that show them. */
export function useRefreshTasks() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: KEY }),
      queryClient.invalidateQueries({ queryKey: ['timeline'] }),
    ]);
}

export const completeTask = (id: string) =>
  ok(api.POST('/api/v1/activities/{id}/complete', { params: { path: { id } }, body: {} }));

export const rescheduleTask = (id: string, body: { dueAt?: string; assigneeId?: string }) =>
  ok(api.POST('/api/v1/activities/{id}/reschedule', { params: { path: { id } }, body }));
