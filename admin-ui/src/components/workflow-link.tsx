import { ApartmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { hasPermission } from '../providers/access-control';

/**
 * For ops (OPS_WORKFLOWS_VIEW): a button opening the dossier's workflow in the Temporal UI, in a new
 * tab. Nothing for everyone else, nor while the API has not answered.
 */
export function WorkflowLink({ dossierId }: { dossierId: string | undefined }) {
  const { t } = useTranslation('agent');
  const allowed = hasPermission('OPS_WORKFLOWS_VIEW');
  const workflow = useQuery({
    queryKey: ['dossier-workflow', dossierId],
    queryFn: () =>
      ok(api.GET('/api/v1/dossiers/{id}/workflow', { params: { path: { id: dossierId ?? '' } } })),
    enabled: allowed && !!dossierId,
    retry: false,
    staleTime: 60_000,
  });
  if (!workflow.data) return null;
  return (
    <Tooltip title={t('workflowLink.hint', { workflowId: workflow.data.workflowId })}>
      <Button
        icon={<ApartmentOutlined />}
        href={workflow.data.url}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="workflow-link"
      >
        {t('workflowLink.open')}
      </Button>
    </Tooltip>
  );
}
