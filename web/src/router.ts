// A small hash router: the route is the part after "#", split into segments.
import { signal } from '@preact/signals';

function current(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export const route = signal<string[]>(current());
window.addEventListener('hashchange', () => {
  route.value = current();
});

export function go(path: string): void {
  location.hash = '#' + path;
}

/** A positive integer from a route segment, else null. */
export function idAt(segments: string[], i: number): number | null {
  const s = segments[i];
  return s !== undefined && /^[1-9]\d{0,15}$/.test(s) ? Number(s) : null;
}
