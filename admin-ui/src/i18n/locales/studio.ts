/** Strings of the "studio" namespace. Keys nest by screen; keep fr and en in step. */
export const studioFr = {} as const;

export const studioEn: Record<keyof typeof studioFr, unknown> = {} as const;
