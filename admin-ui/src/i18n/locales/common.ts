/** Strings of the "common" namespace. Keys nest by screen; keep fr and en in step. */
export const commonFr = {} as const;

export const commonEn: Record<keyof typeof commonFr, unknown> = {} as const;
