import type { searchFr } from './search.js';

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const searchAr: typeof searchFr = {
  open: 'بحث',
  title: 'البحث في نظام إدارة العملاء',
  label: 'ابحث عن جهة اتصال أو ملف أو حساب أو إعلان أو عضو',
  placeholder: 'الاسم، البريد الإلكتروني، الهاتف، المرجع، المدينة…',
  hint: 'الأسهم للاختيار، Enter للفتح، Escape للإغلاق.',
  results: 'النتائج',
  empty: 'لا توجد نتائج لـ «{{q}}»',
  typeMore: 'اكتب حرفًا أو رقمًا واحدًا على الأقل.',
  tooLong: 'البحث محدود بـ {{max}} حرفًا.',
  loading: 'جارٍ البحث…',
  failed: 'فشل البحث',
  total: '{{shown}} من {{total}}',
  kinds: {
    contact: 'جهات الاتصال',
    dossier: 'الملفات',
    account: 'الحسابات',
    listing: 'الإعلانات',
    coopMember: 'أعضاء التعاونية',
  },
};
