import { useInvalidate } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import type { Dossier, TransitionOption } from './types';

export const lang = (language: string) => (language.startsWith('en') ? 'en' : 'fr');

/** The cache key of a dossier's moves in a language; the dossier workspace seeds it. */
export const transitionsKey = (dossierId: string | undefined, l: 'fr' | 'en') => [
  'dossier-transitions',
  dossierId,
  l,
];

/** The moves from the dossier's current status, each allowed or blocked with the server's reason. */
export function useTransitionOptions(dossierId: string | undefined, enabled = true) {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  return useQuery({
    queryKey: transitionsKey(dossierId, l),
    enabled: enabled && !!dossierId,
    // Short: guards read the clock and other records; moves made here invalidate it at once.
    staleTime: 5_000,
    queryFn: () =>
      ok(
        api.GET('/api/v1/dossiers/{id}/transitions', {
          params: { path: { id: dossierId ?? '' }, query: { lang: l } },
        }),
      ),
  });
}

interface ReasonValues {
  reasonCode: string;
  comment?: string;
  convertContact?: boolean;
}

/**
 * Moving a dossier: a plain move posts at once; WON/LOST first ask for a reason. Nothing moves on screen
 * before the server confirms; a refusal shows the server's `detail` and `onSettled(false)` lets the
 * caller snap back.
 */
export function useTransitionFlow(onSettled?: (moved: boolean, dossier: Dossier) => void) {
  const { t, i18n } = useTranslation('agent');
  const { notification } = App.useApp();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<{ dossier: Dossier; option: TransitionOption } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<ReasonValues>();
  const reasonType = pending?.option.reasonType;
  const reasons = useDictionary(reasonType === 'WON' ? 'WON_REASON' : 'LOSS_REASON');

  const post = async (dossier: Dossier, option: TransitionOption, extra: Partial<ReasonValues> = {}) => {
    setBusy(dossier.id);
    try {
      const moved = await ok(
        api.POST('/api/v1/dossiers/{id}/transitions', {
          params: { path: { id: dossier.id }, query: { lang: lang(i18n.language) } },
          body: { to: option.to, version: dossier.version, ...extra },
        }),
      );
      notification.success({
        message: t('transition.done', { label: option.label }),
        key: `transition-${dossier.id}`,
      });
      await Promise.all([
        invalidate({ resource: 'dossiers', invalidates: ['list', 'detail'], id: dossier.id }),
        queryClient.invalidateQueries({ queryKey: ['dossier-transitions', dossier.id] }),
        queryClient.invalidateQueries({ queryKey: ['dossier-workspace', dossier.id] }),
        queryClient.invalidateQueries({ queryKey: ['kanban'] }),
        queryClient.invalidateQueries({ queryKey: ['timeline'] }),
        queryClient.invalidateQueries({ queryKey: ['dossier-history', dossier.id] }),
      ]);
      onSettled?.(true, moved);
      return true;
    } catch (err) {
      notification.error({
        message: t('transition.refused'),
        description: <span data-testid="transition-error">{errorMessage(err)}</span>,
        key: `transition-${dossier.id}`,
      });
      onSettled?.(false, dossier);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const start = (dossier: Dossier, option: TransitionOption) => {
    if (option.reasonType === 'WON' || option.reasonType === 'LOSS') {
      form.resetFields();
      setPending({ dossier, option });
      return;
    }
    void post(dossier, option);
  };

  const close = (moved: boolean) => {
    if (!moved && pending) onSettled?.(false, pending.dossier);
    setPending(null);
  };

  const dialog: ReactNode = (
    <Modal
      open={!!pending}
      title={pending ? t('transition.reasonTitle', { label: pending.option.label }) : ''}
      okText={t('transition.confirm')}
      cancelText={t('common:buttons.cancel')}
      confirmLoading={!!busy}
      onCancel={() => close(false)}
      onOk={() => form.submit()}
      forceRender
    >
      <Form<ReasonValues>
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (!pending) return;
          const { reasonCode, comment, convertContact } = values;
          const ok = await post(pending.dossier, pending.option, {
            reasonCode,
            ...(comment ? { comment } : {}),
            ...(convertContact ? { convertContact } : {}),
          });
          if (ok) setPending(null);
        }}
      >
        <Form.Item
          name="reasonCode"
          label={reasonType === 'WON' ? t('transition.wonReason') : t('transition.lossReason')}
          rules={[{ required: true, message: t('transition.reasonRequired') }]}
        >
          <Select id="reasonCode" options={reasons.options} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="comment" label={t('transition.comment')}>
          <Input.TextArea id="comment" rows={3} maxLength={2000} />
        </Form.Item>
        {pending?.option.offersContactConversion ? (
          <Form.Item name="convertContact" valuePropName="checked">
            <Checkbox>{t('transition.convertContact')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );

  return { start, dialog, busy };
}
