// A value as JSON carries it here: bigints as decimal strings (the API's answers, and the JSON columns the handlers
// write with rows.ts plain). A type only: the API's answer types (api/types.ts) and the schema's JSON columns use it.

/** `T` after JSON.stringify with bigints as decimal strings. */
export type Json<T> = T extends bigint
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Json<U>[]
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;
