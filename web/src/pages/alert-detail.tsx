// One alert: what fired and why (the engine's summary, matched fields marked in the raw event),
// the trainee's actions (take, release, escalate with a reason, close with a verdict and a reason),
// and pivots (events around it, its process tree). Event content is attacker-controlled: it is only
// ever rendered as text nodes.
import { useEffect, useState } from 'preact/hooks';
import type {
  Alert,
  AlertDetail,
  AlertMatch,
  AlertMatchedValue,
  AlertNote,
  AlertRuleInfo,
  AuditEntry,
  LogEvent,
  PivotPage,
  PivotScope,
  ProcessNode,
  ProcessTree,
} from '../../../server/contract/api.js';
import { resolveTechnique, techniqueName } from '../../../grading/normalise/technique.js';
import { ALERT_VERDICTS, type AlertVerdict } from '../../../server/contract/vocab.js';
import { VERDICT_LABELS } from '../../../server/contract/report.js';
import { api, describeError, query } from '../api.js';
import type { QueueStore } from '../queue-store.js';
import { ErrorNote, formatTime, SeverityBadge, shown, Status, STATUS_LABELS } from '../ui.js';

/** Event field names the summary mentions (as whole words): the fields that made the rule fire. */
export function matchedFields(summary: string, data: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  for (const key of Object.keys(data)) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`).test(summary)) found.add(key);
  }
  return found;
}

/**
 * Event field names the structured explanation read (the mapped event field when a mapping renamed
 * the rule's field); empty when it names none (keyword searches), so callers fall back to the summary.
 */
export function matchedFieldsFromMatch(match: AlertMatch | null | undefined, data: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  for (const s of match?.selections ?? []) {
    for (const m of s.matches) {
      const name = m.eventField ?? m.field;
      if (name !== null && Object.prototype.hasOwnProperty.call(data, name)) found.add(name);
    }
  }
  return found;
}

/** ATT&CK technique ids in a rule's tags ("attack.t1059.001" -> "T1059.001"), in order, without repeats. */
export function techniquesOf(tags: readonly string[]): string[] {
  const ids: string[] = [];
  for (const tag of tags) {
    const m = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag.trim());
    const id = m ? resolveTechnique(m[1]) : null;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The raw event as pretty JSON text, one line per field, matched fields marked. */
export function RawEvent({ event, summary, match }: { event: LogEvent; summary: string; match?: AlertMatch | null }) {
  const structured = matchedFieldsFromMatch(match, event.data);
  const hits = structured.size > 0 ? structured : matchedFields(summary, event.data);
  const entries = Object.entries(event.data);
  return (
    <pre class="raw" tabIndex={0} aria-label="Raw event">
      {'{\n'}
      {entries.map(([k, v], i) => {
        const line = `  ${JSON.stringify(k)}: ${JSON.stringify(v)}${i < entries.length - 1 ? ',' : ''}\n`;
        return hits.has(k) ? <mark key={k} class="hit" title="matched by the rule">{shown(line)}</mark> : <span key={k}>{shown(line)}</span>;
      })}
      {'}'}
    </pre>
  );
}

function eventDigest(e: LogEvent): string {
  const d = e.data;
  for (const k of ['CommandLine', 'Image', 'NewProcessName', 'QueryName', 'TargetFilename', 'TargetObject', 'DestinationIp']) {
    if (typeof d[k] === 'string') return shown(`${k}: ${d[k] as string}`);
  }
  return shown(JSON.stringify(d).slice(0, 200));
}

const PIVOT_PAGE = 100;

function Pivot({ alertId }: { alertId: number }) {
  const [scope, setScope] = useState<PivotScope>('host');
  const [q, setQ] = useState('');
  const [page, setPage] = useState<PivotPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const load = (s: PivotScope, text: string, from = 0) => {
    setError(null);
    setOffset(from);
    api.get<PivotPage>(`/api/alerts/${alertId}/context${query({ scope: s, q: text.trim() || undefined, limit: PIVOT_PAGE, offset: from })}`).then(setPage, (err) => {
      setPage(null);
      setError(describeError(err));
    });
  };
  useEffect(() => load(scope, ''), [alertId]);
  return (
    <section aria-labelledby="pivot-title">
      <h3 id="pivot-title">Events around this alert</h3>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); load(scope, q); }}>
        <label>
          Same{' '}
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value as PivotScope)}>
            <option value="host">host</option>
            <option value="user">user</option>
            <option value="all">anything</option>
          </select>
        </label>
        <label>
          Text <input value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={error} />
      {page && (
        <>
          <p class="muted">
            {page.total} events from {formatTime(page.window.from)} to {formatTime(page.window.to)}
            {page.total > page.items.length ? ` (${offset + 1} to ${offset + page.items.length} shown)` : ''}
          </p>
          <table class="grid compact">
            <thead>
              <tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Host</th><th scope="col">User</th><th scope="col">Event ID</th><th scope="col">Content</th></tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.index} class={e.index === page.anchor.index ? 'anchor' : undefined}>
                  <td>{e.index}</td>
                  <td>{formatTime(e.time)}</td>
                  <td>{shown(e.host)}</td>
                  <td>{shown(e.user)}</td>
                  <td>{e.eventId ?? '-'}</td>
                  <td class="digest">{eventDigest(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.total > PIVOT_PAGE && (
            <nav class="pager" aria-label="Event pages">
              <button type="button" disabled={offset === 0} onClick={() => load(scope, q, Math.max(0, offset - PIVOT_PAGE))}>Previous events</button>
              <button type="button" disabled={offset + PIVOT_PAGE >= page.total} onClick={() => load(scope, q, offset + PIVOT_PAGE)}>Next events</button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function TreeNodes({ nodes, parent, focus }: { nodes: ProcessNode[]; parent: number | null; focus: number | null }) {
  const children = nodes.filter((n) => n.parent === parent || (parent === null && !nodes.some((p) => p.index === n.parent)));
  if (children.length === 0) return null;
  return (
    <ul>
      {children.map((n) => (
        <li key={n.index}>
          <span class={n.index === focus ? 'proc focus' : 'proc'}>
            {n.image ? shown(n.image) : '(unknown image)'} <span class="muted">pid {n.pid ?? '?'} · {formatTime(n.time)}</span>
          </span>
          {n.commandLine && <code class="cmd">{shown(n.commandLine)}</code>}
          <TreeNodes nodes={nodes.filter((x) => x !== n)} parent={n.index} focus={focus} />
        </li>
      ))}
    </ul>
  );
}

function ProcessTreeView({ alertId }: { alertId: number }) {
  const [tree, setTree] = useState<ProcessTree | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<ProcessTree>(`/api/alerts/${alertId}/process-tree`).then(setTree, (err) => setError(describeError(err)));
  }, [alertId]);
  return (
    <section aria-labelledby="tree-title">
      <h3 id="tree-title">Process tree</h3>
      <ErrorNote error={error} />
      {tree && tree.nodes.length === 0 && <Status>No process creation event found for this alert.</Status>}
      {tree && tree.nodes.length > 0 && (
        <div class="tree">
          <TreeNodes nodes={tree.nodes} parent={null} focus={tree.focus} />
          {tree.truncated && <p class="muted">The tree was cut at its size limit.</p>}
        </div>
      )}
    </section>
  );
}

function Actions({ alert, onChange }: { alert: Alert; onChange: (a: Alert) => void }) {
  const [reason, setReason] = useState('');
  const [verdict, setVerdict] = useState<AlertVerdict | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await api.post<Alert>(`/api/alerts/${alert.id}/${path}`, body));
      setReason('');
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const status = alert.work.status;
  if (status === 'closed' || status === 'escalated') {
    return (
      <section class="panel" aria-labelledby="work-title">
        <h3 id="work-title">Your decision</h3>
        <dl class="facts">
          <dt>Status</dt><dd>{STATUS_LABELS[status]}</dd>
          {alert.work.verdict && (<><dt>Verdict</dt><dd>{VERDICT_LABELS[alert.work.verdict]}</dd></>)}
          <dt>Reason</dt><dd class="prewrap">{shown(alert.work.reason)}</dd>
        </dl>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="work-title">
      <h3 id="work-title">Work this alert</h3>
      <ErrorNote error={error} />
      {status === 'new' && (
        <button type="button" disabled={busy} onClick={() => void act('take')}>Take this alert</button>
      )}
      {status === 'in_progress' && (
        <form onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setError('Write a reason first.');
          if (!verdict) return setError('Choose a verdict to close the alert.');
          void act('close', { verdict, reason: reason.trim() });
        }}>
          <fieldset>
            <legend>Verdict</legend>
            {ALERT_VERDICTS.map((v) => (
              <label class="choice" key={v}>
                <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} />
                {VERDICT_LABELS[v]}
              </label>
            ))}
          </fieldset>
          <label for="reason">Reason (required to close or escalate)</label>
          <textarea id="reason" rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <div class="buttons">
            <button type="submit" disabled={busy}>Close with verdict</button>
            <button type="button" disabled={busy} onClick={() => {
              if (!reason.trim()) return setError('Write a reason first.');
              void act('escalate', { reason: reason.trim() });
            }}>Escalate</button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void act('release')}>Release</button>
          </div>
        </form>
      )}
    </section>
  );
}

function Notes({ alertId, notes, onAdded }: { alertId: number; notes: AlertNote[]; onAdded: (d: AlertDetail) => void }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) return setError('Write the note first.');
    setError(null);
    try {
      onAdded(await api.post<AlertDetail>(`/api/alerts/${alertId}/notes`, { body: body.trim() }));
      setBody('');
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section aria-labelledby="notes-title">
      <h3 id="notes-title">Notes</h3>
      {notes.length === 0 ? <p class="muted">No notes yet.</p> : (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <span class="muted">{n.author.username}, {formatTime(n.createdAt)}:</span> <span class="prewrap">{shown(n.body)}</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add}>
        <label for="note">Add a note</label>
        <textarea id="note" rows={2} maxLength={4000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <ErrorNote error={error} />
        <div class="buttons"><button type="submit">Add note</button></div>
      </form>
    </section>
  );
}

/** The rule's metadata as recorded with the alert: level, ATT&CK techniques, description, false positives. */
function RuleInfo({ rule }: { rule: AlertRuleInfo }) {
  const techniques = techniquesOf(rule.tags);
  return (
    <section aria-labelledby="rule-title">
      <h3 id="rule-title">The rule</h3>
      <dl class="facts">
        <dt>Rule level</dt><dd>{shown(rule.level)}</dd>
        <dt>Techniques</dt>
        <dd>
          {techniques.length === 0 ? 'none tagged' : (
            <ul class="techniques">
              {techniques.map((id) => <li key={id}>{id}{techniqueName(id) ? ` ${techniqueName(id)}` : ''}</li>)}
            </ul>
          )}
        </dd>
        <dt>Description</dt><dd class="description">{shown(rule.description)}</dd>
        <dt>False positives</dt>
        <dd>
          {rule.falsepositives.length === 0 ? 'none listed' : (
            <ul class="falsepositives">{rule.falsepositives.map((fp, i) => <li key={i}>{shown(fp)}</li>)}</ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The structured "why it fired": one row per matched value of each true selection. */
function MatchTable({ match }: { match: AlertMatch }) {
  type Row = { s: AlertMatch['selections'][number]; m: AlertMatchedValue | null };
  const rows = match.selections.flatMap((s): Row[] => (s.matches.length === 0 ? [{ s, m: null }] : s.matches.map((m) => ({ s, m }))));
  return (
    <>
      <p>Condition: <code>{shown(match.condition)}</code></p>
      <table class="match">
        <caption>Matched selections</caption>
        <thead><tr><th>Selection</th><th>Field</th><th>Modifiers</th><th>Rule value</th><th>Event value</th></tr></thead>
        <tbody>
          {rows.map(({ s, m }, i) => (
            <tr key={i}>
              <td>{shown(s.name)}</td>
              <td>{m ? (m.field === null ? '(keyword)' : shown(m.eventField && m.eventField !== m.field ? `${m.field} → ${m.eventField}` : m.field)) : '-'}</td>
              <td>{m ? shown(m.modifiers.join('|') || '(equals)') : '-'}</td>
              <td>{m ? shown(m.pattern) : '-'}</td>
              <td>{m ? shown(m.value) : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const ACTION_LABELS: Record<string, string> = {
  'alert.take': 'took it',
  'alert.release': 'released it',
  'alert.escalate': 'escalated it',
  'alert.close': 'closed it',
  'alert.note': 'added a note',
};

/** Details an audit entry carries that a reader wants: the verdict and the reason. */
function auditDetails(details: unknown): string {
  if (details === null || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.verdict === 'string') parts.push(`verdict ${VERDICT_LABELS[d.verdict as AlertVerdict] ?? d.verdict}`);
  if (typeof d.reason === 'string') parts.push(`reason: ${d.reason}`);
  return parts.join('; ');
}

/** Who did what when on this alert (the trainee's own copy), oldest first; reloaded when `version` changes. */
function AuditTrail({ alertId, version }: { alertId: number; version: number }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    api.get<AuditEntry[]>(`/api/alerts/${alertId}/audit`).then(setEntries, (err) => setError(describeError(err)));
  }, [alertId, version]);
  return (
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">Audit trail</h3>
      <ErrorNote error={error} />
      {entries && entries.length === 0 && <p>No actions yet.</p>}
      {entries && entries.length > 0 && (
        <ol class="audit">
          {entries.map((e) => {
            const extra = auditDetails(e.details);
            return (
              <li key={e.id}>
                {formatTime(e.at)} {shown(e.actor?.username ?? 'system')} {ACTION_LABELS[e.action] ?? shown(e.action)}
                {extra ? ` (${shown(extra)})` : ''}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function AlertDetailPage({ alertId, store }: { alertId: number; store: QueueStore }) {
  const [detail, setDetail] = useState<AlertDetail | null>(null);
  const [event, setEvent] = useState<LogEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [eventError, setEventError] = useState<string | null>(null);
  const [workVersion, setWorkVersion] = useState(0);
  useEffect(() => {
    setDetail(null);
    setEvent(null);
    setError(null);
    setEventError(null);
    api.get<AlertDetail>(`/api/alerts/${alertId}`).then(setDetail, (err) => setError(describeError(err)));
    api.get<LogEvent>(`/api/alerts/${alertId}/event`).then(setEvent, (err) => setEventError(describeError(err)));
  }, [alertId]);

  const back = <a href={`#/exercises/${store.exerciseId}`}>← Back to the queue</a>;
  if (error) return <section>{back}<ErrorNote error={error} /></section>;
  if (!detail) return <Status>Loading alert…</Status>;
  const a = detail.alert;
  const changed = (next: Alert) => {
    setDetail({ ...detail, alert: next });
    setWorkVersion((v) => v + 1);
    store.update(next);
  };
  const noted = (d: AlertDetail) => {
    setDetail(d);
    setWorkVersion((v) => v + 1);
  };
  return (
    <article class="detail" aria-labelledby="alert-title">
      {back}
      <h2 id="alert-title">{shown(a.ruleTitle)}</h2>
      <dl class="facts">
        <dt>Level</dt><dd><SeverityBadge severity={a.severity} /></dd>
        <dt>Rule id</dt><dd>{shown(a.ruleId)}</dd>
        <dt>Event time</dt><dd>{formatTime(a.eventTime)}</dd>
        <dt>Host</dt><dd>{shown(a.host)}</dd>
        <dt>User</dt><dd>{shown(a.user)}</dd>
        <dt>Status</dt><dd>{STATUS_LABELS[a.work.status]}{a.work.owner ? ` (held by ${a.work.owner.username})` : ''}</dd>
      </dl>
      <Actions alert={a} onChange={changed} />
      {detail.rule && <RuleInfo rule={detail.rule} />}
      <section aria-labelledby="why-title">
        <h3 id="why-title">Why it fired</h3>
        <p class="summary">{shown(a.summary)}</p>
        {detail.match && <MatchTable match={detail.match} />}
        <ErrorNote error={eventError} />
        {event && <RawEvent event={event} summary={a.summary} match={detail.match} />}
      </section>
      <Notes alertId={a.id} notes={detail.notes} onAdded={noted} />
      <AuditTrail alertId={a.id} version={workVersion} />
      <Pivot alertId={a.id} />
      <ProcessTreeView alertId={a.id} />
    </article>
  );
}
