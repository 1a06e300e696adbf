/** A JSON value as the store keeps it (templates, flows, message specs, session state, audit arguments). */
export type StoredJson =
  | null
  | boolean
  | number
  | string
  | readonly StoredJson[]
  | { readonly [key: string]: StoredJson };
