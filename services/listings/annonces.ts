import { randomUUID } from 'node:crypto';
import { annonceView, type AnnonceView } from '../../db/annonces.js';
import { annonceDefinition, annonceInitialStatus } from './annonce-transitions.js';
import { recordAudit, snapshot } from '../../db/audit.js';
import { activeCodes } from '../../db/dictionaries.js';
import { Annonce, AnnonceStatusHistory, User, type IAnnonce } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { cityKey } from '../../definitions/annonce.js';
import { failures } from '../failures.js';
import type { DomainFieldError } from '../domain-error.js';

const fail = failures('listings');

/** A listing as a client writes it (the API's body schema: api/routes/v1/annonces/schemas.ts). */
export interface AnnonceInput {
  reference?: string;
  title: string;
  description?: string | null;
  transaction: 'SALE' | 'RENT';
  propertyType?: string | null;
  priceCents: number;
  chargesCents?: number | null;
  surface?: number | null;
  rooms?: number | null;
  bedrooms?: number | null;
  floor?: number | null;
  address?: string | null;
  city: string;
  postalCode?: string | null;
  zoneCode?: string | null;
  lat?: number | null;
  lng?: number | null;
  features?: string[];
  energyClass?: string | null;
  assignedAgentId?: string | null;
  metaJson?: Record<string, unknown>;
}

/** Dictionary codes that are not active in the tenant's effective dictionary, as field errors. */
export async function unknownCodes(
  em: Em,
  checks: Array<{ field: string; dictType: string; codes: readonly string[] }>,
): Promise<DomainFieldError[]> {
  const errors: DomainFieldError[] = [];
  for (const { field, dictType, codes } of checks) {
    if (!codes.length) continue;
    const known = await activeCodes(em, dictType);
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      errors.push({
        field,
        message: `unknown ${dictType} code(s): ${unknown.join(', ')}`,
        code: 'UNKNOWN_CODE',
        params: { dictType, codes: unknown },
      });
  }
  return errors;
}

/** Checks of a listing beyond its JSON schema: dictionary codes, bedrooms ≤ rooms, a real agent. 422. */
async function checkInput(em: Em, a: Partial<AnnonceInput>) {
  const errors = await unknownCodes(em, [
    { field: 'propertyType', dictType: 'PROPERTY_TYPE', codes: a.propertyType ? [a.propertyType] : [] },
    { field: 'zoneCode', dictType: 'ZONE', codes: a.zoneCode ? [a.zoneCode] : [] },
    { field: 'features', dictType: 'FEATURE', codes: a.features ?? [] },
  ]);
  if (a.rooms != null && a.bedrooms != null && a.bedrooms > a.rooms)
    errors.push({ field: 'bedrooms', message: 'cannot exceed the number of rooms', code: 'MORE_THAN_ROOMS' });
  if ((a.lat == null) !== (a.lng == null))
    errors.push({
      field: a.lat == null ? 'lat' : 'lng',
      message: 'lat and lng go together',
      code: 'LAT_LNG_TOGETHER',
    });
  if (a.city !== undefined && !cityKey(a.city))
    errors.push({ field: 'city', message: 'needs at least one letter or digit', code: 'NO_LETTER_OR_DIGIT' });
  if (a.assignedAgentId && !(await em.count(User, { id: a.assignedAgentId, isActive: true })))
    errors.push({
      field: 'assignedAgentId',
      message: 'no such active user in this organisation',
      code: 'UNKNOWN_USER',
    });
  if (errors.length)
    throw fail.rejected('VALIDATION_ERROR', 'See errors for each field.', {
      fieldErrors: errors,
    });
}

async function referenceTaken(em: Em, reference: string, exceptId?: string) {
  return (await em.count(Annonce, { reference, ...(exceptId ? { id: { $ne: exceptId } } : {}) })) > 0;
}

function generatedReference(now: Date): string {
  return `A-${now.getUTCFullYear()}-${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export async function createAnnonce(em: Em, ctx: TenantContext, input: AnnonceInput): Promise<AnnonceView> {
  await checkInput(em, input);
  const now = new Date();
  const reference = input.reference ?? generatedReference(now);
  if (await referenceTaken(em, reference))
    throw fail.conflict(`Reference ${reference} is already used by another listing.`, {
      fieldErrors: [
        { field: 'reference', message: 'already used in this organisation', code: 'ALREADY_USED' },
      ],
    });
  const def = await annonceDefinition(em, ctx);
  const status = annonceInitialStatus(def);
  const a = em.create(Annonce, {
    id: randomUUID(),
    orgId: ctx.orgId,
    reference,
    title: input.title,
    description: input.description ?? null,
    transaction: input.transaction,
    propertyType: input.propertyType ?? null,
    priceCents: input.priceCents,
    chargesCents: input.chargesCents ?? null,
    surface: input.surface ?? null,
    rooms: input.rooms ?? null,
    bedrooms: input.bedrooms ?? null,
    floor: input.floor ?? null,
    address: input.address ?? null,
    city: input.city.trim(),
    cityKey: cityKey(input.city),
    postalCode: input.postalCode ?? null,
    zoneCode: input.zoneCode ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    features: input.features ?? [],
    energyClass: input.energyClass ?? null,
    statusCode: status,
    statusChangedAt: now,
    definitionId: def.id,
    definitionVersion: def.version,
    assignedAgentId: input.assignedAgentId ?? null,
    metaJson: input.metaJson ?? {},
    createdBy: ctx.userId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  em.create(AnnonceStatusHistory, {
    id: randomUUID(),
    orgId: ctx.orgId,
    annonceId: a.id,
    fromStatus: null,
    toStatus: status,
    actorId: ctx.userId ?? null,
    at: now,
    definitionVersion: def.version,
  });
  await em.flush();
  const view = annonceView(a);
  await recordAudit(em, ctx, { entityType: 'Annonce', entityId: a.id, action: 'CREATE', after: view });
  return view;
}

/** Edits business fields with optimistic locking; the status moves only through transitions. */
export async function updateAnnonce(
  em: Em,
  ctx: TenantContext,
  a: IAnnonce,
  changes: Partial<AnnonceInput> & { version: number },
): Promise<AnnonceView> {
  const { version, ...fields } = changes;
  if (a.version !== version) throw fail.staleVersion('This listing');
  const current = annonceView(a);
  await checkInput(em, {
    ...fields,
    rooms: fields.rooms !== undefined ? fields.rooms : current.rooms,
    bedrooms: fields.bedrooms !== undefined ? fields.bedrooms : current.bedrooms,
    lat: fields.lat !== undefined ? fields.lat : current.lat,
    lng: fields.lng !== undefined ? fields.lng : current.lng,
  });
  if (fields.reference && (await referenceTaken(em, fields.reference, a.id)))
    throw fail.conflict(`Reference ${fields.reference} is already used by another listing.`, {
      fieldErrors: [
        { field: 'reference', message: 'already used in this organisation', code: 'ALREADY_USED' },
      ],
    });
  const before = snapshot(current);
  em.assign(a, {
    ...fields,
    ...(fields.city !== undefined ? { city: fields.city.trim(), cityKey: cityKey(fields.city) } : {}),
  });
  await em.flush();
  const after = annonceView(a);
  await recordAudit(em, ctx, { entityType: 'Annonce', entityId: a.id, action: 'UPDATE', before, after });
  return after;
}
