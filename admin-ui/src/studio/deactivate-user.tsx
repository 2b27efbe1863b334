import { Alert, Descriptions, Form, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Reply, type Schemas, type Sent } from '../api/client';

export type UserRow = Sent<Schemas['UserPublic']>;

/** The deactivated user itself, with what moved to whom. */
type DeactivationResult = Reply<'/api/v1/users/{id}/deactivate', 'post'>;

interface Props {
  user: UserRow | null;
  others: UserRow[];
  onClose: () => void;
  onDone: () => void;
}

/** Deactivate a user: choose who takes their records, then show what the API reassigned. */
export function DeactivateUserDialog({ user, others, onClose, onDone }: Props) {
  const { t } = useTranslation('studio');
  const [mode, setMode] = useState<'manager' | 'user' | 'none'>('manager');
  const [target, setTarget] = useState<string>();
  const [result, setResult] = useState<DeactivationResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setResult(undefined);
    setError(undefined);
    setMode('manager');
    setTarget(undefined);
    onClose();
  };
  const submit = async () => {
    if (!user) return;
    setBusy(true);
    setError(undefined);
    const body = mode === 'manager' ? {} : { reassignTo: mode === 'none' ? null : (target ?? null) };
    try {
      setResult(
        await ok(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id: user.id } }, body })),
      );
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const name = (id: string | null) =>
    id ? (others.find((o) => o.id === id)?.fullName ?? id) : t('users.nobody');

  return (
    <Modal
      open={!!user}
      title={t('users.deactivateTitle', { name: user?.fullName })}
      onCancel={close}
      onOk={result ? close : () => void submit()}
      okText={result ? t('common.close') : t('users.deactivate')}
      okButtonProps={{ danger: !result, loading: busy }}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      cancelText={t('common.cancel')}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {result ? (
        <div data-testid="deactivation-result">
          <Alert type="success" showIcon message={t('users.deactivated', { name: result.fullName })} />
          <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('users.reassignedTo')}>{name(result.reassignedTo)}</Descriptions.Item>
            {Object.entries(result.reassigned).map(([entity, count]) => (
              <Descriptions.Item key={entity} label={entity}>
                {count}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {Object.keys(result.reassigned).length === 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('users.nothingReassigned')}
            </Typography.Paragraph>
          )}
        </div>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('users.reassign')} htmlFor="reassign-mode">
            <Radio.Group
              id="reassign-mode"
              value={mode}
              onChange={(e) => setMode(e.target.value as typeof mode)}
            >
              <Radio value="manager">{t('users.reassignManager')}</Radio>
              <Radio value="user">{t('users.reassignUser')}</Radio>
              <Radio value="none">{t('users.reassignNone')}</Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'user' && (
            <Form.Item label={t('users.reassignTarget')} htmlFor="reassign-target">
              <Select
                id="reassign-target"
                showSearch
                optionFilterProp="label"
                value={target}
                onChange={setTarget}
                options={others
                  .filter((o) => o.isActive && o.id !== user?.id)
                  .map((o) => ({ value: o.id, label: `${o.fullName} <${o.email}>` }))}
              />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
