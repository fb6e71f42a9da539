// Registry keys: hive abbreviations expanded (HKLM = HKEY_LOCAL_MACHINE = \REGISTRY\MACHINE ...),
// case-insensitive, "/" or doubled "\\" separators unified, trailing separator dropped.

const HIVES: [RegExp, string][] = [
  [/^(?:hklm|hkey_local_machine|\\?registry\\machine)(?=\\|$)/i, 'HKLM'],
  [/^(?:hkcu|hkey_current_user)(?=\\|$)/i, 'HKCU'],
  [/^(?:hku|hkey_users|\\?registry\\user)(?=\\|$)/i, 'HKU'],
  [/^(?:hkcr|hkey_classes_root)(?=\\|$)/i, 'HKCR'],
  [/^(?:hkcc|hkey_current_config)(?=\\|$)/i, 'HKCC'],
];

/** Canonical registry path, or null when it does not start with a hive. */
export function normaliseRegistry(value: string): string | null {
  let s = value.trim().replace(/^["']|["']$/g, '').replace(/[/\\]+/g, '\\').replace(/\\$/, '');
  let hive: string | null = null;
  for (const [re, to] of HIVES) {
    if (re.test(s)) {
      s = s.replace(re, '');
      hive = to;
      break;
    }
  }
  if (!hive) return null;
  return (hive + s).toLowerCase();
}
