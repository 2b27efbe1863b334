import { PlusOutlined } from '@ant-design/icons';
import { List } from '@refinedev/antd';
import { useList } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DICT_TYPES, type DictType } from '../../../../definitions/dictionary-defaults.js';
import { api, ok } from '../../api/client';
import { can } from '../../studio/access';
import { DictionaryEntryForm } from '../../studio/dictionary-entry-form';
import { DictionaryTable } from '../../studio/dictionary-table';
import type { DictionaryEntry } from '../../studio/dictionary-types';
import { pageTitle } from '../../components/page-title';

/** F-2.1: a tenant's dictionaries over the global defaults — labels fr/en/ar, order, deactivation. */
export default function DictionaryList() {
  const { t } = useTranslation('studio');
  const { message } = App.useApp();
  const editable = can('DICTIONARY_ADMIN');
  const [params, setParams] = useSearchParams();
  const dictType: DictType = DICT_TYPES.find((type) => type === params.get('type')) ?? 'CASE_STATUS';
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<DictionaryEntry | null | undefined>(undefined);
  const [order, setOrder] = useState<string[] | null>(null);

  const types = useQuery({
    queryKey: ['dictionary-types'],
    queryFn: () => ok(api.GET('/api/v1/dictionaries/types')),
  });
  const { result, query } = useList<DictionaryEntry>({
    resource: 'dictionaries',
    pagination: { mode: 'off' },
    filters: [
      { field: 'dictType', operator: 'eq', value: dictType },
      { field: 'includeInactive', operator: 'eq', value: showInactive ? 'true' : undefined },
    ],
  });
  const fetched = result.data;
  useEffect(() => setOrder(null), [fetched]);
  const entries = order ? order.flatMap((code) => fetched.filter((e) => e.code === code)) : fetched;

  const reorder = async (codes: string[]) => {
    setOrder(codes); // shown at once; reverted if the server refuses
    try {
      await ok(api.POST('/api/v1/dictionaries/reorder', { body: { dictType, codes } }));
      message.success(t('dictionaries.reordered'));
      await query.refetch();
    } catch (err) {
      setOrder(null);
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const toggle = async (entry: DictionaryEntry) => {
    try {
      const move = { params: { path: { id: entry.id } }, body: { version: entry.version } };
      await ok(
        entry.isActive
          ? api.POST('/api/v1/dictionaries/{id}/deactivate', move)
          : api.POST('/api/v1/dictionaries/{id}/activate', move),
      );
      message.success(
        entry.isActive
          ? t('dictionaries.deactivated', { code: entry.code })
          : t('dictionaries.activated', { code: entry.code }),
      );
      await query.refetch();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <List
      title={pageTitle(t('dictionaries.title'))}
      headerButtons={
        editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('dictionaries.add')}
          </Button>
        ) : null
      }
    >
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('dictionaries.type')} htmlFor="dict-type">
          <Select
            id="dict-type"
            style={{ width: 240 }}
            value={dictType}
            showSearch
            options={(types.data?.data ?? [dictType]).map((v) => ({
              value: v,
              label: t(`dictTypes.${v}`, { defaultValue: v }),
            }))}
            onChange={(v: string) => setParams({ type: v })}
          />
        </Form.Item>
        <Form.Item label={t('dictionaries.showInactive')} htmlFor="dict-inactive">
          <Switch id="dict-inactive" checked={showInactive} onChange={setShowInactive} />
        </Form.Item>
      </Form>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DictionaryTable
          entries={entries}
          loading={query.isFetching}
          editable={editable}
          onReorder={(codes) => void reorder(codes)}
          onEdit={setEditing}
          onToggleActive={(e) => void toggle(e)}
        />
      </Space>
      <DictionaryEntryForm
        dictType={dictType}
        entry={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          message.success(t('common.saved'));
          void query.refetch();
        }}
      />
    </List>
  );
}
