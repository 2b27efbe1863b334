import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../components/format';
import { UserName } from '../components/users';
import { api, ok } from '../api/client';
import { ApiError, errorMessage } from '../providers/http';
import {
  can,
  CONSENT_CHANNELS,
  useConsents,
  useDossierConsents,
  type ConsentChannel,
  type ConsentHistoryRow,
  type ConsentState,
} from './api';

export const CONSENT_COLOR = { OPT_IN: 'green', OPT_OUT: 'red' } as const;

/** "le 12 nov. 2026 par Alice" — who and when of the last choice. */
export function useDecidedBy() {
  const { t } = useTranslation('engagement');
  return (c: ConsentState) =>
    t('consent.by', { name: c.decidedBy ? (c.decidedByName ?? '—') : t('consent.system') });
}

/** One badge: the channel, the status, and date + author of the last choice. */
export function ConsentBadge({
  channel,
  consent,
  action,
}: {
  channel: ConsentChannel;
  consent: ConsentState | null;
  action?: React.ReactNode;
}) {
  const { t } = useTranslation('engagement');
  const by = useDecidedBy();
  return (
    <Flex vertical gap={2} data-testid={`consent-${channel}`} data-status={consent?.status ?? 'NONE'}>
      <Space size={4}>
        <Typography.Text strong>{t(`channels.${channel}`)}</Typography.Text>
        <Tag color={consent ? CONSENT_COLOR[consent.status] : 'default'}>
          {consent ? t(`consent.${consent.status}`) : t('consent.none')}
        </Tag>
        {consent?.scope === 'DOSSIER' ? (
          <Tag color="blue" data-testid={`consent-${channel}-dossier`}>
            {t('consent.dossierTag')}
          </Tag>
        ) : null}
      </Space>
      {consent ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(consent.decidedAt)} · {by(consent)}
        </Typography.Text>
      ) : null}
      {action}
    </Flex>
  );
}

interface EditorValues {
  scope: 'CONTACT' | 'DOSSIER';
  channel: ConsentChannel;
  status: 'OPT_IN' | 'OPT_OUT';
  source: string;
  proof?: string;
  comment?: string;
}

const SOURCES = ['FORM', 'PHONE_CALL', 'EMAIL', 'IN_PERSON', 'WEBSITE'];

function ConsentEditor({
  contactId,
  dossierId,
  open,
  channel,
  onClose,
}: {
  contactId: string;
  dossierId?: string | undefined;
  open: boolean;
  channel: ConsentChannel;
  onClose: () => void;
}) {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (v: EditorValues) => {
    setSaving(true);
    setError(null);
    try {
      const body = { status: v.status, source: v.source, proof: v.proof || null, comment: v.comment || null };
      await ok(
        dossierId && v.scope === 'DOSSIER'
          ? api.PUT('/api/v1/dossiers/{id}/consents/{channel}', {
              params: { path: { id: dossierId, channel: v.channel }, query: { contactId } },
              body,
            })
          : api.PUT('/api/v1/contacts/{id}/consents/{channel}', {
              params: { path: { id: contactId, channel: v.channel } },
              body,
            }),
      );
      notification.success({ message: t('consent.saved') });
      await refreshConsents(queryClient, contactId);
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.errors)
        form.setFields(
          Object.entries(err.errors).map(([name, msg]) => ({
            name: name as keyof EditorValues,
            errors: [msg],
          })),
        );
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('consent.editorTitle')}
      onCancel={onClose}
      okText={t('consent.save')}
      cancelText={t('common:buttons.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<EditorValues>
        form={form}
        layout="vertical"
        name="consent-editor"
        initialValues={{ channel, status: 'OPT_IN', scope: dossierId ? 'DOSSIER' : 'CONTACT' }}
        onFinish={(v) => void save(v)}
        data-testid="consent-editor"
      >
        {dossierId ? (
          <Form.Item name="scope" label={t('consent.scope')} extra={t('consent.dossierHint')}>
            <Radio.Group
              options={(['DOSSIER', 'CONTACT'] as const).map((s) => ({
                value: s,
                label: t(`consent.scope${s}`),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="scope" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="channel" label={t('consent.channel')} rules={[{ required: true }]}>
          <Select options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('consent.status')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['OPT_IN', 'OPT_OUT'] as const).map((s) => ({ value: s, label: t(`consent.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('consent.source')}
          rules={[{ required: true, message: t('composer.required') }]}
        >
          <AutoComplete
            options={SOURCES.map((s) => ({ value: s, label: t(`consent.sources.${s}`) }))}
            filterOption={(input, option) =>
              String(option?.value ?? '')
                .toLowerCase()
                .includes(input.toLowerCase()) ||
              String(option?.label ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
          />
        </Form.Item>
        <Form.Item name="proof" label={t('consent.proof')} extra={t('consent.proofHint')}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="comment" label={t('consent.comment')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

async function refreshConsents(queryClient: QueryClient, contactId: string) {
  await queryClient.invalidateQueries({ queryKey: ['consents', contactId] });
  await queryClient.invalidateQueries({ queryKey: ['consent-history', contactId] });
  await queryClient.invalidateQueries({ queryKey: ['timeline'] });
}

/** The contact's general choices, plus (on a dossier) the dossier's own, newest first. */
function ConsentHistory({ contactId, dossierId }: { contactId: string; dossierId?: string | undefined }) {
  const { t } = useTranslation('engagement');
  const history = useQuery({
    queryKey: ['consent-history', contactId, dossierId ?? null],
    queryFn: async () => {
      const pages: { data: ConsentHistoryRow[] }[] = await Promise.all([
        ok(api.GET('/api/v1/contacts/{id}/consents/history', { params: { path: { id: contactId } } })),
        ...(dossierId
          ? [ok(api.GET('/api/v1/dossiers/{id}/consents/history', { params: { path: { id: dossierId } } }))]
          : []),
      ]);
      return pages
        .flatMap((p) => p.data)
        .filter(
          (r) =>
            (r.after ?? r.before)?.contactId === undefined || (r.after ?? r.before)?.contactId === contactId,
        )
        .sort((a, b) => b.at.localeCompare(a.at));
    },
  });
  const label = (s: { status?: string } | null) => (s?.status ? t(`consent.${s.status}`) : t('consent.none'));
  return (
    <Table<ConsentHistoryRow>
      size="small"
      data-testid="consent-history"
      rowKey={(r) => `${r.at}-${r.after?.channel ?? ''}`}
      loading={history.isLoading}
      dataSource={history.data ?? []}
      pagination={false}
      locale={{ emptyText: t('consent.historyEmpty') }}
      columns={[
        { title: t('consent.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
        {
          title: t('consent.channel'),
          render: (_, r) => {
            const c = r.after?.channel ?? r.before?.channel;
            return c ? t(`channels.${c}`, { defaultValue: c }) : '—';
          },
        },
        ...(dossierId
          ? [
              {
                title: t('consent.scope'),
                render: (_: unknown, r: ConsentHistoryRow) => {
                  const scope = (r.after ?? r.before)?.scope ?? 'CONTACT';
                  return t(`consent.scope${scope}`);
                },
              },
            ]
          : []),
        {
          title: t('consent.change'),
          render: (_, r) => (
            <>
              {label(r.before)} →{' '}
              <Tag color={r.after?.status === 'OPT_IN' ? 'green' : 'red'}>{label(r.after)}</Tag>
            </>
          ),
        },
        {
          title: t('consent.source'),
          render: (_, r) =>
            r.after?.source ? t(`consent.sources.${r.after.source}`, { defaultValue: r.after.source }) : '—',
        },
        { title: t('consent.proof'), render: (_, r) => r.after?.proof ?? '—' },
        {
          title: t('consent.actor'),
          render: (_, r) => (r.actorId ? <UserName id={r.actorId} /> : t('consent.system')),
        },
      ]}
    />
  );
}

/** "Back to the general choice" under a channel that has a dossier-scoped choice. */
function ClearDossierChoice({
  contactId,
  dossierId,
  channel,
}: {
  contactId: string;
  dossierId: string;
  channel: ConsentChannel;
}) {
  const { t } = useTranslation('engagement');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    setBusy(true);
    try {
      await ok(
        api.DELETE('/api/v1/dossiers/{id}/consents/{channel}', {
          params: { path: { id: dossierId, channel }, query: { contactId } },
        }),
      );
      notification.success({ message: t('consent.cleared') });
      await refreshConsents(queryClient, contactId);
    } catch (err) {
      notification.error({ message: t('consent.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      type="link"
      style={{ padding: 0, height: 'auto' }}
      loading={busy}
      onClick={() => void clear()}
      data-testid={`consent-${channel}-clear`}
    >
      {t('consent.clear')}
    </Button>
  );
}

/**
 * Consent badges of a contact, with (for editors) the editor and the history. On a dossier the badges
 * show the choice that applies to messages about it, and a choice can be recorded for the dossier only.
 */
export function ConsentCard({ contactId, dossierId }: { contactId: string; dossierId?: string }) {
  const { t } = useTranslation('engagement');
  const consents = useConsents(contactId, dossierId);
  const forDossier = useDossierConsents(contactId, dossierId);
  const canEdit = can(dossierId ? 'CRM_DEALS_EDIT' : 'CRM_CONTACTS_EDIT');
  const [editing, setEditing] = useState<ConsentChannel | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const clearAction = (c: ConsentChannel) => {
    const own = forDossier.data?.channels[c];
    if (!dossierId || !canEdit || !own?.dossier) return undefined;
    return (
      <>
        {own.scope === 'CONTACT' ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('consent.overriddenBy')}
          </Typography.Text>
        ) : null}
        <ClearDossierChoice contactId={contactId} dossierId={dossierId} channel={c} />
      </>
    );
  };
  return (
    <Card
      size="small"
      title={t('consent.title')}
      data-testid="consent-card"
      loading={consents.isLoading}
      extra={
        <Space>
          <Button size="small" onClick={() => setShowHistory((v) => !v)}>
            {showHistory ? t('consent.hideHistory') : t('consent.history')}
          </Button>
          {canEdit ? (
            <Button size="small" type="primary" onClick={() => setEditing('EMAIL')}>
              {t('consent.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {consents.isError ? (
        <Typography.Text type="danger">{errorMessage(consents.error)}</Typography.Text>
      ) : null}
      <Flex gap={24} wrap>
        {CONSENT_CHANNELS.map((c) => (
          <ConsentBadge key={c} channel={c} consent={consents.data?.[c] ?? null} action={clearAction(c)} />
        ))}
      </Flex>
      {showHistory ? (
        <div style={{ marginTop: 12 }}>
          <ConsentHistory contactId={contactId} dossierId={dossierId} />
        </div>
      ) : null}
      {canEdit ? (
        <ConsentEditor
          contactId={contactId}
          dossierId={dossierId}
          open={editing !== null}
          channel={editing ?? 'EMAIL'}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
