import type { a11yFr } from './a11y.js';

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const a11yAr: typeof a11yFr = {
  kanban: {
    handle: 'نقل الملف {{reference}}',
    instructions:
      'لنقل ملف، اضغط على المسافة، واستخدم الأسهم لاختيار عمود، ثم المسافة للإفلات أو Escape للإلغاء.',
    picked: 'تم التقاط الملف {{id}}.',
    over: 'الملف {{id}} فوق العمود {{column}}.',
    notOver: 'الملف {{id}} ليس فوق أي عمود.',
    dropped: 'تم إفلات الملف {{id}} على العمود {{column}}.',
    cancelled: 'تم إلغاء نقل الملف {{id}}.',
  },
  header: {
    menu: 'القائمة',
  },
  forbidden: {
    title: 'غير مسموح',
    subTitle: 'صلاحياتك لا تسمح بفتح هذه الصفحة.',
    back: 'العودة إلى الصفحة الرئيسية',
  },
};
