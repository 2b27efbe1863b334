import type { tasksFr } from './tasks.js';

/** Arabic of the "tasks" namespace: its own module, so only Arabic readers load it. */
export const tasksAr: typeof tasksFr = {
  title: 'مهامي',
  teamTitle: 'مهام الفريق',
  buckets: { overdue: 'متأخرة', today: 'اليوم', upcoming: 'قادمة' },
  scope: { label: 'مهام', me: 'أنا', all: 'كل الفريق' },
  columns: {
    dueAt: 'الاستحقاق',
    subject: 'المهمة',
    dossier: 'الملف',
    contact: 'جهة الاتصال',
    assignee: 'لـ',
    actions: 'الإجراءات',
  },
  untitled: 'مهمة بلا عنوان',
  empty: { overdue: 'لا شيء متأخر.', today: 'لا شيء مقرر اليوم.', upcoming: 'لا توجد مهام قادمة.' },
  complete: 'إنهاء',
  completed: 'اكتملت المهمة',
  reschedule: 'إعادة الجدولة',
  rescheduleTitle: 'إعادة جدولة «{{subject}}»',
  newDueAt: 'موعد الاستحقاق الجديد',
  assignee: 'لمن',
  save: 'حفظ',
  cancel: 'إلغاء',
  moved: 'أعيدت جدولة المهمة',
  dueRequired: 'اختر تاريخًا',
  seeAll: 'عرض مهامي',
  nextAction: {
    toggle: 'تخطيط إجراء تالٍ',
    subject: 'الإجراء التالي',
    subjectPlaceholder: 'معاودة الاتصال، إرسال التفويض…',
    dueAt: 'متى',
    assignee: 'لمن',
    in: { '1': 'غدًا', '3': 'بعد 3 أيام', '7': 'بعد أسبوع' },
  },
  reminder: {
    TASK_DUE: 'للقيام به الآن: {{subject}}',
    TASK_OVERDUE: 'متأخرة: {{subject}}',
    dueAt: 'الاستحقاق: {{date}}',
  },
};
