import type { eventsFr } from './events.js';

type Keys = Record<keyof typeof eventsFr, string>;

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const eventsAr: Keys = {
  DOSSIER_CREATED: 'أُنشئ الملف بالحالة {{status}}',
  STATUS_CHANGED: '{{from}} ← {{to}}',
  SHORTLIST_ADDED: 'أُضيف العرض {{reference}} إلى القائمة المختارة',
  SHORTLIST_MOVED: 'العرض {{reference}}: {{from}} ← {{to}}',
  MATCHING_RAN_zero: 'المطابقة: لا يوجد أي عرض',
  MATCHING_RAN_one: 'المطابقة: عرض واحد، أفضل نتيجة {{bestScore}}',
  MATCHING_RAN_other: 'المطابقة: {{count}} عروض، أفضل نتيجة {{bestScore}}',
  NOTE_ADDED: 'ملاحظة',
  ACTIVITY_LOGGED: '{{type}}',
  TASK_COMPLETED: 'مهمة منجزة: {{type}}',
  withSubject: '{{text}} — {{subject}}',
  VISIT_BOOKED: 'زيارة مجدولة: {{subject}}، {{start}}',
  APPOINTMENT_BOOKED: 'موعد مجدول: {{subject}}، {{start}}',
  APPOINTMENT_MOVED: '{{subject}} — نُقل إلى {{start}}',
  APPOINTMENT_STATUS: '{{subject}} — {{status}}، {{start}}',
  APPOINTMENT_REMINDER_NOT_SENT: 'لم يُرسل تذكير {{subject}}: لا توجد قناة وافق عليها جهة الاتصال',
  MESSAGE_DELIVERY: 'حالة الإرسال عبر {{channel}}: {{status}}',
  CONSENT_SET: 'الموافقة على {{channel}}: {{status}}',
  CONSENT_SET_DOSSIER: 'الموافقة على {{channel}} (هذا الملف): {{status}}',
  CONSENT_REMOVED: 'أُزيل اختيار {{channel}} الخاص بالملف: يُطبَّق الاختيار العام',
  PARTY_ADDED: 'أُضيف {{name}} بصفة {{role}}',
  ROLE_ADDED: 'الدور {{role}} منذ {{date}}',
  ROLE_ENDED: 'انتهى الدور {{role}} في {{date}}',
  CONTACT_ASSIGNED: 'أُسند جهة الاتصال إلى {{agent}}',
  CONTACT_UNASSIGNED: 'أُلغي إسناد جهة الاتصال',
  DOSSIER_REMINDER: 'تذكير: الملف لا يزال بالحالة {{status}} بعد {{after}}',
  DOSSIER_ESCALATION: 'تصعيد: الملف بالحالة {{status}} منذ {{after}}',
  AUTO_MOVE_BLOCKED: 'تعذّر الانتقال التلقائي إلى {{to}}: {{reason}}',
  unknown: 'حدث',
};
