import type { definitionProblemsFr } from './definition-problems.js';

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const definitionProblemsAr: Record<keyof typeof definitionProblemsFr, string> = {
  UNKNOWN_CASE_TYPE: 'نوع الملف {{caseType}} غير موجود في قاموس الأنواع',
  DUPLICATE_STATE: 'الحالة {{state}} مُعرَّفة أكثر من مرة',
  UNKNOWN_STATUS_CODE: 'الحالة {{state}} غير موجودة في قاموس الحالات: أنشئها أولًا',
  MISSING_REASON_TYPE: 'الحالة {{state}} تُغلق الملف: اختر السبب المطلوب ({{reasonType}}) ليُبرّره المستخدم',
  NO_INITIAL_STATE: 'لا توجد حالة أولية: عيّن حالة واحدة كحالة أولية',
  SEVERAL_INITIAL_STATES: 'يمكن لحالة واحدة فقط أن تكون أولية؛ وُجد: {{states}}',
  UNKNOWN_STATE: 'الانتقال {{from}} ← {{to}} يستخدم {{state}}، وهي ليست حالة في هذا المسار',
  DUPLICATE_TRANSITION: 'الانتقال {{from}} ← {{to}} مُعرَّف أكثر من مرة',
  TRANSITION_FROM_TERMINAL: 'الحالة {{state}} نهائية: لا يمكن الخروج منها',
  TIMERS_NOT_SUPPORTED: 'الحالة {{state}}: مسارات {{caseType}} تغيّر الحالة فورًا ولا مؤقتات لها؛ احذفها',
  INVALID_DURATION: 'مؤقت الحالة {{state}}: «{{value}}» ليست مدة صالحة (أكثر من صفر، مثل 3 أيام)',
  TIMER_TARGET_UNKNOWN: 'مؤقت الحالة {{state}} يؤدي إلى {{to}}، وهي ليست حالة في هذا المسار',
  MISSING_REASON_CODE: 'المؤقت يؤدي إلى {{to}}، وهي تتطلب سببًا: اختره',
  DEAD_END: 'الحالة {{state}} ليست نهائية لكن لا ينطلق منها أي انتقال: أضف انتقالًا أو اجعلها نهائية',
  UNREACHABLE_STATE: 'لا يمكن الوصول إلى الحالة {{state}} من الحالة الأولية {{initial}}',
};
