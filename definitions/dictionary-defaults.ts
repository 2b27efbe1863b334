/**
 * Global dictionary defaults (org_id = null): each tenant sees them until it overrides a code (F-2.1).
 * `label` is English; every CASE_STATUS used by a built-in template is here (a unit test checks it).
 */

export const DICT_TYPES = [
  'CASE_TYPE',
  'CASE_STATUS',
  'LOSS_REASON',
  'WON_REASON',
  'LEAD_SOURCE',
  'CONTACT_ROLE',
  'PARTY_ROLE',
  'ACTIVITY_TYPE',
  'ACTIVITY_OUTCOME',
  'TAG',
  'PROPERTY_TYPE',
  'FEATURE',
  'ZONE',
] as const;

export type DictType = (typeof DICT_TYPES)[number];

export interface DictionaryDefault {
  dictType: DictType;
  code: string;
  label: string;
  labelFr: string;
  labelAr: string;
  sortOrder: number;
  metadata?: Record<string, unknown>;
}

type Row = [code: string, en: string, fr: string, ar: string, metadata?: Record<string, unknown>];

function entries(dictType: DictType, rows: Row[]): DictionaryDefault[] {
  return rows.map(([code, label, labelFr, labelAr, metadata], i) => ({
    dictType,
    code,
    label,
    labelFr,
    labelAr,
    sortOrder: (i + 1) * 10,
    ...(metadata ? { metadata } : {}),
  }));
}

// hot: counts for "hot leads" (F-3.5); open: false = closed dossier; outcome: how reports count it.
const HOT = { hot: true, open: true };
const OPEN = { open: true };
const WON = { open: false, outcome: 'WON' };
const LOST = { open: false, outcome: 'LOST' };
const CLOSED = { open: false };

const CASE_TYPES: Row[] = [
  ['LEAD', 'Lead', 'Lead', 'عميل محتمل'],
  ['ACHAT', 'Purchase', 'Achat', 'شراء'],
  ['LOCATION', 'Rental search', 'Location', 'إيجار'],
  ['VENTE', 'Sale', 'Vente', 'بيع'],
  ['LOCATION_GESTION', 'Letting and management', 'Location et gestion', 'تأجير وإدارة'],
  ['MANDAT', 'Mandate', 'Mandat', 'توكيل'],
  ['PROJET', 'Project', 'Projet', 'مشروع'],
  // Not a dossier type: the status workflow of property listings (annonces), run synchronously.
  ['ANNONCE', 'Property listing', 'Annonce', 'إعلان عقاري', { entity: 'ANNONCE' }],
  // Not a dossier type: the status workflow of cooperative groups (coop_group), run synchronously.
  ['COOP_GROUP', 'Cooperative group', 'Groupement coopératif', 'تجمع تعاوني', { entity: 'COOP_GROUP' }],
];

const CASE_STATUSES: Row[] = [
  ['CRM_NEW', 'New lead', 'Nouveau lead', 'عميل محتمل جديد', { ...OPEN, probability: 5 }],
  ['CRM_CONTACTED', 'Contacted', 'Contacté', 'تم التواصل', { ...OPEN, probability: 10 }],
  ['CRM_QUALIFIED', 'Qualified lead', 'Lead qualifié', 'عميل محتمل مؤهل', { ...HOT, probability: 25 }],
  ['CRM_PROPOSAL', 'Proposal sent', 'Proposition envoyée', 'تم إرسال العرض', { ...HOT, probability: 50 }],
  ['CRM_WON', 'Converted', 'Converti', 'تم التحويل', { ...WON, probability: 100 }],
  ['CRM_LOST', 'Lost lead', 'Lead perdu', 'عميل محتمل مفقود', { ...LOST, probability: 0 }],
  ['NEW', 'New', 'Nouveau', 'جديد', { ...OPEN, probability: 10 }],
  ['QUALIFIED', 'Qualified', 'Qualifié', 'مؤهل', { ...HOT, probability: 25 }],
  ['APPOINTMENT', 'Appointment', 'Rendez-vous', 'موعد', { ...HOT, probability: 40 }],
  ['VISIT', 'Visit', 'Visite', 'زيارة', { ...HOT, probability: 50 }],
  ['NEGOTIATION', 'Negotiation', 'Négociation', 'تفاوض', { ...HOT, probability: 75 }],
  ['VALUATION', 'Valuation', 'Estimation', 'تقييم', OPEN],
  ['MANDATE_SIGNED', 'Mandate signed', 'Mandat signé', 'توكيل موقع', OPEN],
  ['ON_MARKET', 'On the market', 'En commercialisation', 'معروض في السوق', OPEN],
  ['OFFER_ACCEPTED', 'Offer accepted', 'Offre acceptée', 'عرض مقبول', OPEN],
  ['SALE_AGREEMENT', 'Sale agreement signed', 'Compromis signé', 'وعد بالبيع موقع', OPEN],
  ['TENANT_SCREENING', 'Tenant screening', 'Étude du dossier locataire', 'دراسة ملف المستأجر', OPEN],
  ['LEASE_SIGNED', 'Lease signed', 'Bail signé', 'عقد إيجار موقع', OPEN],
  ['UNDER_MANAGEMENT', 'Under management', 'En gestion', 'قيد الإدارة', OPEN],
  ['LAND_SECURED', 'Land secured', 'Foncier sécurisé', 'تم تأمين الأرض', OPEN],
  ['PERMITS', 'Permits', 'Permis', 'التراخيص', OPEN],
  ['BUILDING', 'Building', 'Construction', 'البناء', OPEN],
  ['DELIVERY', 'Delivery', 'Livraison', 'التسليم', OPEN],
  ['HANDOVER', 'Handover', 'Remise des clés', 'تسليم المفاتيح', OPEN],
  ['WON', 'Won', 'Gagné', 'ناجح', { ...WON, probability: 100 }],
  ['LOST', 'Lost', 'Perdu', 'خاسر', { ...LOST, probability: 0 }],
  ['TERMINATED', 'Terminated', 'Terminé', 'منتهي', CLOSED],
  ['CLOSED', 'Closed', 'Clôturé', 'مغلق', CLOSED],
  ['CANCELLED', 'Cancelled', 'Annulé', 'ملغى', LOST],
  // Property listing (ANNONCE) statuses; only AVAILABLE listings are matched against dossiers.
  ['AVAILABLE', 'Available', 'Disponible', 'متاح', { entity: 'ANNONCE', matchable: true }],
  ['UNDER_OFFER', 'Under offer', 'Sous offre', 'تحت العرض', { entity: 'ANNONCE' }],
  ['SOLD', 'Sold', 'Vendu', 'مباع', { entity: 'ANNONCE' }],
  ['RENTED', 'Rented', 'Loué', 'مؤجر', { entity: 'ANNONCE' }],
  ['WITHDRAWN', 'Withdrawn', 'Retiré', 'مسحوب', { entity: 'ANNONCE' }],
  // Cooperative group (COOP_GROUP) statuses; DELIVERY and CLOSED above are shared.
  ['FORMATION', 'Formation', 'Constitution', 'التأسيس', { entity: 'COOP_GROUP' }],
  ['KYC_READY', 'Members verified', 'Membres vérifiés', 'تم التحقق من الأعضاء', { entity: 'COOP_GROUP' }],
  ['FUNDING_OPEN', 'Funding open', 'Collecte ouverte', 'التمويل مفتوح', { entity: 'COOP_GROUP' }],
  ['ALLOCATION', 'Allocation', 'Allocation des lots', 'تخصيص الوحدات', { entity: 'COOP_GROUP' }],
  ['DISSOLVED', 'Dissolved', 'Dissous', 'منحل', { entity: 'COOP_GROUP', open: false }],
];

const LOSS_REASONS: Row[] = [
  ['BUDGET', 'Budget too low', 'Budget insuffisant', 'ميزانية غير كافية'],
  ['FINANCING_REFUSED', 'Financing refused', 'Financement refusé', 'رفض التمويل'],
  ['COMPETITOR', 'Went with a competitor', 'Parti chez un concurrent', 'اختار منافسا'],
  ['NO_RESPONSE', 'No response', 'Sans réponse', 'لا رد'],
  ['NO_MATCHING_PROPERTY', 'No matching property', 'Aucun bien correspondant', 'لا يوجد عقار مناسب'],
  ['PROJECT_ABANDONED', 'Project abandoned', 'Projet abandonné', 'تم التخلي عن المشروع'],
  ['PRICE_TOO_HIGH', 'Price too high', 'Prix trop élevé', 'السعر مرتفع جدا'],
  ['MANDATE_EXPIRED', 'Mandate expired', 'Mandat expiré', 'انتهى التوكيل'],
  ['DUPLICATE', 'Duplicate', 'Doublon', 'مكرر'],
  ['OTHER', 'Other', 'Autre', 'أخرى'],
];

const WON_REASONS: Row[] = [
  ['OFFER_ACCEPTED', 'Offer accepted', 'Offre acceptée', 'عرض مقبول'],
  ['SALE_COMPLETED', 'Sale completed', 'Vente conclue', 'تم البيع'],
  ['LEASE_SIGNED', 'Lease signed', 'Bail signé', 'تم توقيع عقد الإيجار'],
  ['MANDATE_FULFILLED', 'Mandate fulfilled', 'Mandat réalisé', 'تم تنفيذ التوكيل'],
  ['CONVERTED_TO_CLIENT', 'Converted to client', 'Converti en client', 'تحول إلى عميل'],
  ['BEST_OFFER', 'Best offer', 'Meilleure offre', 'أفضل عرض'],
  ['OTHER', 'Other', 'Autre', 'أخرى'],
];

const LEAD_SOURCES: Row[] = [
  ['WEBSITE', 'Website', 'Site web', 'الموقع الإلكتروني'],
  ['PHONE', 'Phone call', 'Appel téléphonique', 'مكالمة هاتفية'],
  ['WALK_IN', 'Walk-in', 'Passage en agence', 'زيارة المكتب'],
  ['REFERRAL', 'Referral', 'Recommandation', 'توصية'],
  ['SELOGER', 'SeLoger', 'SeLoger', 'SeLoger', { portal: true }],
  ['LEBONCOIN', 'Leboncoin', 'Leboncoin', 'Leboncoin', { portal: true }],
  [
    'PORTAL_OTHER',
    'Other property portal',
    'Autre portail immobilier',
    'بوابة عقارية أخرى',
    { portal: true },
  ],
  ['SOCIAL_MEDIA', 'Social media', 'Réseaux sociaux', 'وسائل التواصل الاجتماعي'],
  ['WHATSAPP', 'WhatsApp', 'WhatsApp', 'واتساب'],
  ['EMAIL', 'Email', 'E-mail', 'البريد الإلكتروني'],
  ['SIGNBOARD', 'For-sale sign', 'Panneau', 'لافتة'],
  ['OTHER', 'Other', 'Autre', 'أخرى'],
];

const CONTACT_ROLES: Row[] = [
  ['PROPRIETAIRE', 'Owner', 'Propriétaire', 'مالك'],
  ['LOCATAIRE', 'Tenant', 'Locataire', 'مستأجر'],
  ['COPROPRIETAIRE', 'Co-owner', 'Copropriétaire', 'مالك مشترك'],
  ['ACQUEREUR', 'Buyer', 'Acquéreur', 'مشتر'],
];

const PARTY_ROLES: Row[] = [
  ['BUYER', 'Buyer', 'Acquéreur', 'مشتر'],
  ['SELLER', 'Seller', 'Vendeur', 'بائع'],
  ['TENANT', 'Tenant', 'Locataire', 'مستأجر'],
  ['LANDLORD', 'Landlord', 'Bailleur', 'مؤجر'],
  ['AGENT', 'Agent', 'Agent', 'وكيل'],
  ['GUARANTOR', 'Guarantor', 'Garant', 'كفيل'],
  ['NOTARY', 'Notary', 'Notaire', 'موثق'],
];

const ACTIVITY_TYPES: Row[] = [
  ['CALL', 'Call', 'Appel', 'مكالمة'],
  ['EMAIL', 'Email', 'E-mail', 'بريد إلكتروني'],
  ['SMS', 'SMS', 'SMS', 'رسالة نصية'],
  ['WHATSAPP', 'WhatsApp', 'WhatsApp', 'واتساب'],
  ['VISIT', 'Visit', 'Visite', 'زيارة'],
  ['MEETING', 'Meeting', 'Rendez-vous', 'اجتماع'],
  ['NOTE', 'Note', 'Note', 'ملاحظة'],
  ['TASK', 'Task', 'Tâche', 'مهمة'],
  ['FOLLOW_UP', 'Follow-up', 'Relance', 'متابعة'],
];

const ACTIVITY_OUTCOMES: Row[] = [
  ['REACHED', 'Reached', 'Joint', 'تم الاتصال'],
  ['NO_ANSWER', 'No answer', 'Pas de réponse', 'لا رد'],
  ['VOICEMAIL', 'Voicemail left', 'Message laissé', 'رسالة صوتية'],
  ['INTERESTED', 'Interested', 'Intéressé', 'مهتم'],
  ['NOT_INTERESTED', 'Not interested', 'Pas intéressé', 'غير مهتم'],
  ['CALLBACK_REQUESTED', 'Callback requested', 'Rappel demandé', 'طلب معاودة الاتصال'],
  ['APPOINTMENT_SET', 'Appointment set', 'Rendez-vous fixé', 'تم تحديد موعد'],
  ['DONE', 'Done', 'Fait', 'تم'],
];

const TAGS: Row[] = [
  ['VIP', 'VIP', 'VIP', 'مهم جدا'],
  ['INVESTOR', 'Investor', 'Investisseur', 'مستثمر'],
  ['FIRST_TIME_BUYER', 'First-time buyer', 'Primo-accédant', 'مشتر لأول مرة'],
  ['URGENT', 'Urgent', 'Urgent', 'عاجل'],
  ['FINANCING_APPROVED', 'Financing approved', 'Financement accordé', 'تمت الموافقة على التمويل'],
  ['EXPAT', 'Expatriate', 'Expatrié', 'مغترب'],
];

const PROPERTY_TYPES: Row[] = [
  ['APARTMENT', 'Apartment', 'Appartement', 'شقة'],
  ['HOUSE', 'House', 'Maison', 'منزل'],
  ['STUDIO', 'Studio', 'Studio', 'استوديو'],
  ['LOFT', 'Loft', 'Loft', 'لوفت'],
  ['DUPLEX', 'Duplex', 'Duplex', 'دوبلكس'],
  ['LAND', 'Land', 'Terrain', 'أرض'],
  ['COMMERCIAL', 'Commercial premises', 'Local commercial', 'محل تجاري'],
  ['PARKING', 'Parking space', 'Parking', 'موقف سيارات'],
];

const FEATURES: Row[] = [
  ['ELEVATOR', 'Elevator', 'Ascenseur', 'مصعد'],
  ['PARKING', 'Parking', 'Parking', 'موقف سيارات'],
  ['BALCONY', 'Balcony', 'Balcon', 'شرفة'],
  ['TERRACE', 'Terrace', 'Terrasse', 'تراس'],
  ['GARDEN', 'Garden', 'Jardin', 'حديقة'],
  ['FURNISHED', 'Furnished', 'Meublé', 'مفروش'],
  ['CELLAR', 'Cellar', 'Cave', 'قبو'],
  ['POOL', 'Swimming pool', 'Piscine', 'مسبح'],
  ['FIREPLACE', 'Fireplace', 'Cheminée', 'مدفأة'],
  ['AIR_CONDITIONING', 'Air conditioning', 'Climatisation', 'تكييف'],
  ['CONCIERGE', 'Caretaker', 'Gardien', 'حارس'],
  ['ACCESSIBLE', 'Step-free access', 'Accès PMR', 'ولوج لذوي الإعاقة'],
];

/** Quartiers of the big French cities as defaults (tenants add or override their own zones). */
const zone = (city: string, postalCode: string, lat: number, lng: number) => ({ city, postalCode, lat, lng });
const ZONES: Row[] = [
  [
    'PARIS_MARAIS',
    'Paris – Le Marais',
    'Paris – Le Marais',
    'باريس – لو ماريه',
    zone('Paris', '75004', 48.8575, 2.3622),
  ],
  [
    'PARIS_BASTILLE',
    'Paris – Bastille',
    'Paris – Bastille',
    'باريس – الباستيل',
    zone('Paris', '75011', 48.8532, 2.3691),
  ],
  [
    'PARIS_MONTMARTRE',
    'Paris – Montmartre',
    'Paris – Montmartre',
    'باريس – مونمارتر',
    zone('Paris', '75018', 48.8867, 2.3431),
  ],
  [
    'PARIS_BATIGNOLLES',
    'Paris – Batignolles',
    'Paris – Batignolles',
    'باريس – باتينيول',
    zone('Paris', '75017', 48.8873, 2.3176),
  ],
  [
    'PARIS_BUTTES_CHAUMONT',
    'Paris – Buttes-Chaumont',
    'Paris – Buttes-Chaumont',
    'باريس – بوت شومون',
    zone('Paris', '75019', 48.8809, 2.3828),
  ],
  ['PARIS_PASSY', 'Paris – Passy', 'Paris – Passy', 'باريس – باسي', zone('Paris', '75016', 48.8576, 2.2797)],
  [
    'PARIS_MONTPARNASSE',
    'Paris – Montparnasse',
    'Paris – Montparnasse',
    'باريس – مونبارناس',
    zone('Paris', '75014', 48.8421, 2.3219),
  ],
  [
    'LYON_PRESQUILE',
    "Lyon – Presqu'île",
    "Lyon – Presqu'île",
    'ليون – شبه الجزيرة',
    zone('Lyon', '69002', 45.7597, 4.8343),
  ],
  [
    'LYON_CROIX_ROUSSE',
    'Lyon – Croix-Rousse',
    'Lyon – Croix-Rousse',
    'ليون – كروا روس',
    zone('Lyon', '69004', 45.7744, 4.8318),
  ],
  [
    'LYON_PART_DIEU',
    'Lyon – Part-Dieu',
    'Lyon – Part-Dieu',
    'ليون – بار ديو',
    zone('Lyon', '69003', 45.7606, 4.8566),
  ],
  [
    'LYON_CONFLUENCE',
    'Lyon – Confluence',
    'Lyon – Confluence',
    'ليون – كونفلوانس',
    zone('Lyon', '69002', 45.7413, 4.8183),
  ],
  [
    'LYON_VIEUX_LYON',
    'Lyon – Vieux Lyon',
    'Lyon – Vieux Lyon',
    'ليون – ليون القديمة',
    zone('Lyon', '69005', 45.7622, 4.8272),
  ],
  [
    'MARSEILLE_VIEUX_PORT',
    'Marseille – Vieux-Port',
    'Marseille – Vieux-Port',
    'مرسيليا – الميناء القديم',
    zone('Marseille', '13001', 43.2951, 5.3744),
  ],
  [
    'MARSEILLE_PRADO',
    'Marseille – Prado',
    'Marseille – Prado',
    'مرسيليا – برادو',
    zone('Marseille', '13008', 43.2722, 5.3894),
  ],
  [
    'MARSEILLE_JOLIETTE',
    'Marseille – Joliette',
    'Marseille – Joliette',
    'مرسيليا – جولييت',
    zone('Marseille', '13002', 43.3049, 5.3661),
  ],
  [
    'MARSEILLE_CASTELLANE',
    'Marseille – Castellane',
    'Marseille – Castellane',
    'مرسيليا – كاستيلان',
    zone('Marseille', '13006', 43.2857, 5.3834),
  ],
  [
    'BORDEAUX_CHARTRONS',
    'Bordeaux – Chartrons',
    'Bordeaux – Chartrons',
    'بوردو – شارترون',
    zone('Bordeaux', '33300', 44.8531, -0.5713),
  ],
  [
    'BORDEAUX_SAINT_MICHEL',
    'Bordeaux – Saint-Michel',
    'Bordeaux – Saint-Michel',
    'بوردو – سان ميشيل',
    zone('Bordeaux', '33800', 44.8344, -0.5673),
  ],
  [
    'BORDEAUX_BASTIDE',
    'Bordeaux – Bastide',
    'Bordeaux – Bastide',
    'بوردو – باستيد',
    zone('Bordeaux', '33100', 44.842, -0.555),
  ],
  [
    'BORDEAUX_CAUDERAN',
    'Bordeaux – Caudéran',
    'Bordeaux – Caudéran',
    'بوردو – كوديران',
    zone('Bordeaux', '33200', 44.849, -0.612),
  ],
  [
    'LILLE_VIEUX_LILLE',
    'Lille – Vieux-Lille',
    'Lille – Vieux-Lille',
    'ليل – ليل القديمة',
    zone('Lille', '59800', 50.641, 3.063),
  ],
  [
    'LILLE_WAZEMMES',
    'Lille – Wazemmes',
    'Lille – Wazemmes',
    'ليل – وازيم',
    zone('Lille', '59000', 50.626, 3.048),
  ],
  ['LILLE_VAUBAN', 'Lille – Vauban', 'Lille – Vauban', 'ليل – فوبان', zone('Lille', '59000', 50.634, 3.046)],
  [
    'LILLE_EURALILLE',
    'Lille – Euralille',
    'Lille – Euralille',
    'ليل – أورا ليل',
    zone('Lille', '59777', 50.637, 3.075),
  ],
  [
    'NANTES_CENTRE',
    'Nantes – Centre-ville',
    'Nantes – Centre-ville',
    'نانت – وسط المدينة',
    zone('Nantes', '44000', 47.214, -1.556),
  ],
  [
    'NANTES_ILE',
    'Nantes – Île de Nantes',
    'Nantes – Île de Nantes',
    'نانت – جزيرة نانت',
    zone('Nantes', '44200', 47.205, -1.555),
  ],
  ['NANTES_ZOLA', 'Nantes – Zola', 'Nantes – Zola', 'نانت – زولا', zone('Nantes', '44100', 47.215, -1.586)],
  [
    'NANTES_CHANTENAY',
    'Nantes – Chantenay',
    'Nantes – Chantenay',
    'نانت – شانتوناي',
    zone('Nantes', '44100', 47.201, -1.598),
  ],
];

export const DICTIONARY_DEFAULTS: readonly DictionaryDefault[] = [
  ...entries('CASE_TYPE', CASE_TYPES),
  ...entries('CASE_STATUS', CASE_STATUSES),
  ...entries('LOSS_REASON', LOSS_REASONS),
  ...entries('WON_REASON', WON_REASONS),
  ...entries('LEAD_SOURCE', LEAD_SOURCES),
  ...entries('CONTACT_ROLE', CONTACT_ROLES),
  ...entries('PARTY_ROLE', PARTY_ROLES),
  ...entries('ACTIVITY_TYPE', ACTIVITY_TYPES),
  ...entries('ACTIVITY_OUTCOME', ACTIVITY_OUTCOMES),
  ...entries('TAG', TAGS),
  ...entries('PROPERTY_TYPE', PROPERTY_TYPES),
  ...entries('FEATURE', FEATURES),
  ...entries('ZONE', ZONES),
];

/** The default codes of one dictionary, e.g. defaultCodes('CASE_STATUS') for validateDefinition. */
export function defaultCodes(dictType: DictType): string[] {
  return DICTIONARY_DEFAULTS.filter((e) => e.dictType === dictType).map((e) => e.code);
}
