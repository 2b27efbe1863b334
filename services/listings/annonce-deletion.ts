import { annonceView } from '../../db/annonces.js';
import { recordAudit } from '../../db/audit.js';
import { Annonce } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { failures } from '../failures.js';

const fail = failures('listings');

/** What keeps a listing from being deleted: records of the agency's work that name it. */
export interface AnnonceBlockers {
  dossiers: number;
  shortlistEntries: number;
  appointments: number;
  documents: number;
}

const WORDS: Record<keyof AnnonceBlockers, string> = {
  dossiers: 'dossier(s)',
  shortlistEntries: 'shortlist entry(ies)',
  appointments: 'appointment(s) (visits)',
  documents: 'document(s) (photos)',
};

export async function annonceBlockers(em: Em, orgId: string, id: string): Promise<AnnonceBlockers> {
  const [row] = await em.execute<AnnonceBlockers[]>(
    `select (select count(*)::int from dossier where org_id = ? and annonce_id = ?) as "dossiers",
            (select count(*)::int from shortlist_entry where org_id = ? and annonce_id = ?) as "shortlistEntries",
            (select count(*)::int from appointment where org_id = ? and annonce_id = ?) as "appointments",
            (select count(*)::int from document where org_id = ? and owner_type = 'ANNONCE' and owner_id = ?) as "documents"`,
    [orgId, id, orgId, id, orgId, id, orgId, id],
  );
  return row ?? { dossiers: 0, shortlistEntries: 0, appointments: 0, documents: 0 };
}

/**
 * Deletes a listing entered by mistake (a duplicate, a typo'd mandate) — only while nothing refers to
 * it: no dossier, shortlist entry, appointment or document. A listing the agency has worked with stays
 * on record; taking it off the market is the WITHDRAWN status (409 `annonce-in-use` says so, with the
 * counts in `blockers`). The row is locked first, so a shortlist or visit added meanwhile either
 * commits before (and blocks the deletion) or waits and then finds no listing. Its status history
 * goes with it; the audit trail keeps the deleted listing (action DELETE, `before`).
 */
export async function deleteAnnonce(em: Em, ctx: TenantContext, id: string): Promise<void> {
  const locked = await em.execute<{ id: string }[]>('select id from annonce where id = ? for update', [id]);
  if (!locked.length) throw fail.notFound('Listing');
  const blockers = await annonceBlockers(em, ctx.orgId, id);
  const named = (Object.keys(WORDS) as Array<keyof AnnonceBlockers>)
    .filter((k) => blockers[k] > 0)
    .map((k) => `${blockers[k]} ${WORDS[k]}`);
  if (named.length)
    throw fail.conflict(
      `This listing cannot be deleted: ${named.join(', ')} refer to it. Withdraw it instead (status WITHDRAWN): it leaves matching and stays on record.`,
      { code: 'ANNONCE_IN_USE', extra: { blockers } },
    );
  const annonce = await em.findOneOrFail(Annonce, { id });
  const before = annonceView(annonce);
  em.remove(annonce);
  await em.flush();
  await recordAudit(em, ctx, { entityType: 'Annonce', entityId: id, action: 'DELETE', before });
}
