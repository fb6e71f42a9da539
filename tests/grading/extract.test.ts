// Indicator extraction from free text, defanged forms included, with spans into the text as written.
import { describe, expect, it } from 'vitest';
import { extractIndicators } from '../../grading/extract.js';

const found = (text: string) => extractIndicators(text).map((x) => [x.type, text.slice(x.start, x.end)]);

describe('extractIndicators', () => {
  it('finds each kind, with spans pointing at the text as written', () => {
    const text =
      'Mail from billing[@]inv0ice-portal[.]com; payload hxxp://cdn[.]inv0ice-portal[.]com/stage2.ps1 then C2 203.0.113[.]45:443 ' +
      'and 2001:DB8::1. Hash 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08. Run key ' +
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd, file C:\\Users\\jdoe\\AppData\\Roaming\\upd.exe, ' +
      'script /tmp/x.sh, attachment invoice_2291.docm, host ws-042.corp.example.com.';
    expect(found(text)).toEqual([
      ['email', 'billing[@]inv0ice-portal[.]com'],
      ['url', 'hxxp://cdn[.]inv0ice-portal[.]com/stage2.ps1'],
      ['ip', '203.0.113[.]45'],
      ['ip', '2001:DB8::1'],
      ['hash', '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08'],
      ['registry', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd'],
      ['path', 'C:\\Users\\jdoe\\AppData\\Roaming\\upd.exe'],
      ['path', '/tmp/x.sh'],
      ['file', 'invoice_2291.docm'],
      ['domain', 'ws-042.corp.example.com'],
    ]);
  });

  it('gives refanged values', () => {
    const [url] = extractIndicators('see hxxps[:]//evil(dot)com/a');
    expect(url).toMatchObject({ type: 'url', value: 'https://evil.com/a', raw: 'hxxps[:]//evil(dot)com/a' });
  });

  it('does not read abbreviations, versions or file names as domains', () => {
    expect(found('e.g. i.e. version 1.2.3 ran run.sh and report.pdf at 14:02')).toEqual([
      ['file', 'run.sh'],
      ['file', 'report.pdf'],
    ]);
  });

  it('reads a defanged name with an unusual TLD as a domain', () => {
    expect(found('beacon to evil[.]sh')).toEqual([['domain', 'evil[.]sh']]);
  });

  it('does not take invalid addresses', () => {
    expect(found('999.1.1.1 and 1.2.3 and 12:30:45')).toEqual([]);
  });

  it('stays fast on hostile input', () => {
    const hostile = 'a.'.repeat(5000) + '@' + '1.'.repeat(5000) + ':'.repeat(3000) + 'hxxp://' + 'x'.repeat(5000);
    expect(Array.isArray(extractIndicators(hostile))).toBe(true);
  });
});
