import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Reply } from '../../api/client';
import { useCoopMembers, useCoopQuery } from '../../coop/api';
import { LedgerTable } from '../../coop/ledger-table';
import { errorMessage } from '../../providers/http';
import { AS_FILE, saveExport } from '../../studio/api';

type Verify = Reply<'/api/v1/coop/groups/{id}/ledger/verify', 'get'>;

/** The group ledger: entries (all or one member's), chain verification, CSV/JSON export. */
export function LedgerTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const [memberId, setMemberId] = useState<string | undefined>();
  const [verify, setVerify] = useState<Verify | null>(null);
  const [checking, setChecking] = useState(false);
  const members = useCoopMembers(groupId);
  const entries = useCoopQuery(['ledger', groupId, memberId], () =>
    api.GET('/api/v1/coop/groups/{id}/ledger', {
      params: { path: { id: groupId }, query: { pageSize: 1000, ...(memberId ? { memberId } : {}) } },
    }),
  );
  const names = new Map((members.data?.data ?? []).map((m) => [m.id, `#${m.fifoRank} ${m.displayName}`]));

  const runVerify = async () => {
    setChecking(true);
    try {
      setVerify(
        await ok(api.GET('/api/v1/coop/groups/{id}/ledger/verify', { params: { path: { id: groupId } } })),
      );
    } catch (err) {
      notification.error({ message: t('ledger.verify'), description: errorMessage(err) });
    } finally {
      setChecking(false);
    }
  };
  const exportAs = (format: 'csv' | 'json') =>
    saveExport(
      api.GET('/api/v1/coop/groups/{id}/ledger/export', {
        params: { path: { id: groupId }, query: { format } },
        ...AS_FILE,
      }),
      `ledger.${format}`,
    ).catch((err: unknown) =>
      notification.error({ message: t('ledger.exportFailed'), description: errorMessage(err) }),
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('ledger.allMembers')}
          style={{ width: 280 }}
          value={memberId}
          onChange={setMemberId}
          options={(members.data?.data ?? []).map((m) => ({ value: m.id, label: names.get(m.id) }))}
        />
        <Space wrap>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={checking}
            onClick={() => void runVerify()}
            data-testid="ledger-verify"
          >
            {t('ledger.verify')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')}>
            {t('ledger.exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportAs('json')}>
            {t('ledger.exportJson')}
          </Button>
        </Space>
      </Flex>
      {verify ? (
        <Alert
          data-testid="ledger-verify-result"
          data-valid={String(verify.valid)}
          type={verify.valid ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setVerify(null)}
          message={
            verify.valid
              ? t('ledger.valid', { count: verify.count })
              : t('ledger.invalid', { count: verify.breaks.length })
          }
          description={
            verify.breaks.length ? (
              <List
                size="small"
                dataSource={verify.breaks}
                renderItem={(b) => <List.Item>{`#${b.seq} — ${b.problem}`}</List.Item>}
              />
            ) : undefined
          }
        />
      ) : null}
      <Typography.Text type="secondary">{t('ledger.balanceHint')}</Typography.Text>
      <LedgerTable
        entries={entries.data?.data ?? []}
        loading={entries.isLoading}
        memberName={memberId ? undefined : (id) => names.get(id) ?? '—'}
      />
    </Flex>
  );
}
