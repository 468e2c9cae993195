// The formats `tune check` prints its result in.
export const CHECK_FORMATS = ['table', 'json', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
