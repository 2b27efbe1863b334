import { useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import { useState } from 'react';
import { problemOf } from '../../providers/http';
import type { Duplicate } from './form-fields';
import type { Schemas, Sent } from '../../api/client';

type Contact = Sent<Schemas['Contact']>;

/** Refine's useForm for contacts, remembering a duplicate-email 409 to link the existing contact. */
export function useContactForm(action: 'create' | 'edit') {
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const result = useForm<Contact, HttpError>({
    resource: 'contacts',
    action,
    redirect: 'show',
    onMutationError: (error, variables) => {
      const problem = problemOf(error);
      const email = (variables as { email?: string }).email;
      setDuplicate(
        problem?.status === 409 && typeof problem.existingId === 'string' && email
          ? { email, existingId: problem.existingId, message: error.message }
          : null,
      );
    },
  });
  return { ...result, duplicate };
}
