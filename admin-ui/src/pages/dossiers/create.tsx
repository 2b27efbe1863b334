import { Create, useForm } from '@refinedev/antd';
import { useGetIdentity } from '@refinedev/core';
import { Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DossierFields } from './form-fields';
import type { Identity } from '../../providers/session';
import type { Dossier } from './types';
import { backIcon } from '../../components/back-icon';
import { pageTitle } from '../../components/page-title';

/** New dossier (a deal); its workflow starts on the latest published pipeline of its case type. */
/** randomUUID exists only in secure contexts (https, localhost); plain http elsewhere gets a random key. */
const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export default function DossierCreate() {
  const { t } = useTranslation('agent');
  const [params] = useSearchParams();
  // One key per form: a double submit or a retry after a timeout creates one dossier, not two.
  const [idempotencyKey] = useState(newKey);
  const { formProps, saveButtonProps } = useForm<Dossier>({
    resource: 'dossiers',
    action: 'create',
    redirect: 'show',
    meta: { headers: { 'Idempotency-Key': idempotencyKey } },
  });
  const contactId = params.get('contactId');
  const { data: me } = useGetIdentity<Identity>();

  // The form mounts once the identity is known, so the agent defaults to the signed-in user.
  if (!me) return null;
  return (
    <Create goBack={backIcon} title={pageTitle(t('dossiers.create'))} saveButtonProps={saveButtonProps}>
      <Form
        {...formProps}
        layout="vertical"
        initialValues={{
          caseType: params.get('caseType') ?? 'ACHAT',
          contactId: contactId ?? undefined,
          assignedAgentId: me.id,
        }}
      >
        <DossierFields creating contactId={contactId} />
      </Form>
    </Create>
  );
}
