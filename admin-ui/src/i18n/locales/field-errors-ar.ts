import { definitionProblemsAr } from './definition-problems-ar.js';
import type { fieldErrorsFr } from './field-errors.js';
import { passwordFieldErrorsAr } from './password.js';

/** Arabic of this namespace, in its own module: only Arabic readers load it (resources-ar.ts). */
export const fieldErrorsAr: Record<keyof typeof fieldErrorsFr, string> = {
  summary: 'بعض الحقول غير صالحة: راجع الرسالة تحت كل حقل.',
  MAX_DEPTH: 'تداخل عميق جدًا (بحد أقصى {{limit}} مستوى)',
  REFERENCE_NOT_FOUND: 'غير موجود في هذه المؤسسة',
  REQUIRED: 'حقل إلزامي',
  TYPE: 'قيمة من نوع غير متوقع',
  MINIMUM: 'يجب أن يكون أكبر من أو يساوي {{limit}}',
  MAXIMUM: 'يجب أن يكون أصغر من أو يساوي {{limit}}',
  EXCLUSIVE_MINIMUM: 'يجب أن يكون أكبر من {{limit}}',
  EXCLUSIVE_MAXIMUM: 'يجب أن يكون أصغر من {{limit}}',
  MIN_LENGTH: '{{limit}} حرف على الأقل',
  MAX_LENGTH: '{{limit}} حرف على الأكثر',
  MIN_ITEMS: '{{limit}} عنصر على الأقل',
  MAX_ITEMS: '{{limit}} عنصر على الأكثر',
  UNIQUE_ITEMS: 'لا يمكن أن تتكرر القيمة',
  PATTERN: 'صيغة غير صالحة',
  FORMAT: 'صيغة غير صالحة',
  ENUM: 'يجب أن تكون إحدى القيم: {{allowedValues}}',
  ADDITIONAL_PROPERTIES: 'حقل غير مقبول',
  UNKNOWN_CODE: 'رمز غير معروف: {{codes}}',
  MORE_THAN_ROOMS: 'لا يمكن أن يتجاوز عدد الغرف',
  LAT_LNG_TOGETHER: 'خط العرض وخط الطول يأتيان معًا',
  NO_LETTER_OR_DIGIT: 'يجب أن يحتوي على حرف أو رقم واحد على الأقل',
  UNKNOWN_USER: 'لا يوجد مستخدم نشط بهذا الاسم في المؤسسة',
  ALREADY_USED: 'مستخدم مسبقًا في المؤسسة',
  UNKNOWN_LISTING: 'العرض غير موجود في المؤسسة',
  BELOW_BUDGET_MIN: 'يجب أن يكون أكبر من أو يساوي الحد الأدنى للميزانية',
  UNKNOWN_COLUMN: 'هذا العمود غير موجود في الملف',
  FIELD_NOT_MAPPED: 'اربط عمودًا بالحقل {{field}}',
  ...passwordFieldErrorsAr,
  ...definitionProblemsAr,
  RULE_TOO_COSTLY:
    'تستخدم عملية reduce مُراكِمها أكثر من مرة: ستتضاعف قيمته مع كل عنصر (كلفة أُسّية). استخدم المُراكِم مرة واحدة فقط.',
  RULE_BUDGET_EXCEEDED:
    'تتطلب هذه القاعدة حسابًا كثيرًا (أكثر من {{operations}} عملية أو {{elements}} عنصر): أُوقفت. بسّطها.',
};
