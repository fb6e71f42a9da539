// Maps built from rule and mapping data: keys come from YAML, so `__proto__`, `constructor` and the
// like must stay ordinary keys (no prototype change on write, no inherited value on read).

/** Sets an own, enumerable property, whatever the key. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads an own property only. */
export function getOwn<T>(source: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}
