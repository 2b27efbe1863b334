/** Strings of the "agent" namespace. Keys nest by screen; keep fr and en in step. */
export const agentFr = {} as const;

export const agentEn: Record<keyof typeof agentFr, unknown> = {} as const;
