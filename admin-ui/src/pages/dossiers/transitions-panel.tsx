import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../providers/http';
import { useTransitionFlow, useTransitionOptions } from './transition';
import type { Dossier } from './types';

/** Buttons for the moves allowed now; the blocked ones listed with the server's reason. */
export function TransitionsPanel({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation('agent');
  const options = useTransitionOptions(dossier.id);
  const flow = useTransitionFlow();
  const allowed = options.data?.data.filter((o) => o.allowed) ?? [];
  const blocked = options.data?.data.filter((o) => !o.allowed) ?? [];

  return (
    <Card size="small" title={t('transition.title')} data-testid="transitions-panel">
      {options.isLoading ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {options.isError ? <Alert type="error" showIcon message={errorMessage(options.error)} /> : null}
      {options.data && options.data.data.length === 0 ? (
        <Typography.Text type="secondary">{t('transition.none')}</Typography.Text>
      ) : null}
      <Flex gap={8} wrap>
        {allowed.map((o) => (
          <Button
            key={o.to}
            type={o.reasonType === 'NONE' ? 'primary' : 'default'}
            danger={o.reasonType === 'LOSS'}
            loading={flow.busy === dossier.id}
            onClick={() => flow.start(dossier, o)}
            data-testid={`transition-${o.to}`}
          >
            {o.label}
          </Button>
        ))}
      </Flex>
      {blocked.length ? (
        <List
          size="small"
          style={{ marginTop: allowed.length ? 12 : 0 }}
          header={<Typography.Text type="secondary">{t('transition.blocked')}</Typography.Text>}
          dataSource={blocked}
          renderItem={(o) => (
            <List.Item data-testid={`blocked-${o.to}`}>
              <Typography.Text>
                <StopOutlined /> <strong>{o.label}</strong> — {o.reason}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
      {flow.dialog}
    </Card>
  );
}
