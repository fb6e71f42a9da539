// Rule diagnostics for instructors: the rule set in use and the last reload's problems.
import { useEffect, useState } from 'preact/hooks';
import type { RuleLibraryStatus } from '../../../server/contract/api.js';
import { api, describeError } from '../api.js';
import { ErrorNote, formatTime, Status } from '../ui.js';

export function RulesPage() {
  const [status, setStatus] = useState<RuleLibraryStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => api.get<RuleLibraryStatus>('/api/rules').then(setStatus, (err) => setError(describeError(err)));
  useEffect(() => void load(), []);
  const reload = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/rules/reload');
      await load();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>Rules</h1>
      <ErrorNote error={error} />
      {!status ? !error && <Status>Loading…</Status> : (
        <>
          <dl class="facts">
            <dt>Folder</dt><dd>{status.rulesDir}</dd>
            <dt>In use</dt><dd>{status.loaded ? `${status.loaded.rules} rules from ${status.loaded.files} files (${status.loaded.failed} failed), loaded ${formatTime(status.loaded.at)}` : 'no rule set loaded'}</dd>
            <dt>Watching files</dt><dd>{status.watching ? 'yes' : 'no'}</dd>
          </dl>
          <button type="button" disabled={busy} onClick={() => void reload()}>Reload rules now</button>
          {status.lastReload && (
            <>
              <h2>Last reload</h2>
              <p>
                {formatTime(status.lastReload.at)} ({status.lastReload.trigger}):{' '}
                {status.lastReload.swapped ? 'new rule set in use' : 'previous rule set kept'}; {status.lastReload.errors} errors, {status.lastReload.warnings} warnings.
                {status.lastReload.message ? ` ${status.lastReload.message}` : ''}
              </p>
              {status.lastReload.diagnostics.length > 0 && (
                <table class="grid compact">
                  <thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Where</th><th scope="col">Message</th></tr></thead>
                  <tbody>
                    {status.lastReload.diagnostics.map((d, i) => (
                      <tr key={i}>
                        <td>{d.severity}</td>
                        <td>{d.code}</td>
                        <td>{d.file}{d.line ? `:${d.line}` : ''} {d.path}</td>
                        <td>{d.message}{d.hint ? ` (${d.hint})` : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
