import type { channelsFr, Shape } from './channels.js';

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const channelsAr: Shape<typeof channelsFr> = {
  whatsapp: {
    title: 'رقم واتساب الخاص بالوكالة',
    hint: 'بيانات اعتماد رقم واتساب للأعمال (Cloud API). لا تُعرض الأسرار مرة أخرى: اترك الحقل فارغًا للاحتفاظ بالقيمة المحفوظة.',
    configured: 'مُعدّ',
    notConfigured: 'غير مُعدّ',
    phoneNumberId: 'معرّف الرقم (phone number id)',
    appSecret: 'سرّ التطبيق (توقيع الـ webhook)',
    accessToken: 'رمز الوصول (الإرسال)',
    verifyToken: 'رمز التحقق من الـ webhook',
    isSet: 'محفوظ — اتركه فارغًا للاحتفاظ به',
    notSet: 'غير محدد',
    webhook: 'عنوان الـ webhook الذي يُصرَّح به لدى Meta: {{url}}',
    save: 'حفظ',
    saved: 'تم حفظ رقم واتساب',
    failed: 'تم رفض الإعداد',
    phoneInUse: 'هذا الرقم تابع لمؤسسة أخرى',
    digits: 'أرقام فقط (من 5 إلى 32)',
    required: 'حقل إلزامي',
  },
};
