/** The store's clock: ISO-8601 UTC strings, which sort as text. */
export const nowIso = (): string => new Date().toISOString();
