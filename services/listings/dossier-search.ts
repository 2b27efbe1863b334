import { Annonce } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { criteriaCodes } from '../../definitions/matching-criteria.js';
import type { DomainFieldError } from '../domain-error.js';
import { failures } from '../failures.js';
import { unknownCodes } from './annonces.js';

const fail = failures('listings');

/**
 * Checks of a dossier's search beyond its JSON schema (422 with one error per field): dictionary codes
 * of zones, property types and features, min ≤ max budget, and a listing that exists.
 */
export async function checkDossierSearch(
  em: Em,
  d: {
    criteria?: Record<string, unknown>;
    budgetMin?: number | null;
    budgetMax?: number | null;
    annonceId?: string | null;
  },
) {
  const errors: DomainFieldError[] = d.criteria ? await unknownCodes(em, criteriaCodes(d.criteria)) : [];
  if (d.annonceId && !(await em.count(Annonce, { id: d.annonceId })))
    errors.push({
      field: 'annonceId',
      message: 'no such listing in this organisation',
      code: 'UNKNOWN_LISTING',
    });
  if (errors.length)
    throw fail.rejected('VALIDATION_ERROR', 'See errors for each field.', { fieldErrors: errors });
}
