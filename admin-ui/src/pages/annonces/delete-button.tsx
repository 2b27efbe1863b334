import { DeleteOutlined } from '@ant-design/icons';
import { useGo, useInvalidate } from '@refinedev/core';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { errorMessage, problemOf } from '../../providers/http';
import type { Annonce } from './types';

type Blockers = Partial<Record<'dossiers' | 'shortlistEntries' | 'appointments' | 'documents', number>>;

/**
 * Deletes a listing entered by mistake, after confirmation. The API refuses (409 annonce-in-use) once a
 * dossier, shortlist, visit or photo refers to it; the refusal says what and points to withdrawing it.
 */
export function AnnonceDeleteButton({ annonce }: { annonce: Annonce }) {
  const { t } = useTranslation('annonces');
  const { modal, notification } = App.useApp();
  const invalidate = useInvalidate();
  const go = useGo();
  const [busy, setBusy] = useState(false);

  const refused = (blockers: Blockers) => {
    const uses = (['dossiers', 'shortlistEntries', 'appointments', 'documents'] as const)
      .filter((k) => (blockers[k] ?? 0) > 0)
      .map((k) => t(`delete.uses.${k}`, { count: blockers[k] }));
    modal.warning({
      title: t('delete.refusedTitle'),
      content: (
        <div data-testid="annonce-delete-refused">
          <p>{t('delete.refused', { uses: uses.join(', ') })}</p>
          <p>{t('delete.withdrawInstead')}</p>
        </div>
      ),
    });
  };

  const remove = async () => {
    setBusy(true);
    try {
      await ok(api.DELETE('/api/v1/annonces/{id}', { params: { path: { id: annonce.id } } }));
      notification.success({ message: t('delete.done', { reference: annonce.reference }) });
      // Back to the list at once; its refetch follows (this page's record no longer exists).
      go({ to: '/annonces' });
      void invalidate({ resource: 'annonces', invalidates: ['list'] });
    } catch (err) {
      const problem = problemOf(err);
      if (problem?.type?.endsWith('/annonce-in-use')) refused((problem.blockers ?? {}) as Blockers);
      else notification.error({ message: t('delete.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popconfirm
      title={t('delete.confirmTitle')}
      description={t('delete.confirm', { reference: annonce.reference })}
      okText={t('delete.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('delete.cancel')}
      onConfirm={() => void remove()}
    >
      <Button danger icon={<DeleteOutlined />} loading={busy} data-testid="annonce-delete">
        {t('delete.button')}
      </Button>
    </Popconfirm>
  );
}
