/** The shape of a message file: same keys as the zh-CN original, any string values. */
export type LocaleShape<T> = { [K in keyof T]: T[K] extends string ? string : LocaleShape<T[K]> };
