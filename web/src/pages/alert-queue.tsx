// The alert queue table: sortable columns, status/severity filters, 50 rows per page (so 10,000
// alerts render as fast as 50), arrow keys move between rows and Enter opens one.
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Alert } from '../../../server/contract/api.js';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../server/contract/vocab.js';
import type { QueueStore } from '../queue-store.js';
import { go } from '../router.js';
import { ErrorNote, formatTime, SEVERITY_ORDER, SeverityBadge, shown, Status, STATUS_LABELS } from '../ui.js';

const PAGE_SIZE = 50;

type SortKey = 'time' | 'severity' | 'rule' | 'host' | 'user' | 'status';
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'time', label: 'Time' },
  { key: 'severity', label: 'Severity' },
  { key: 'rule', label: 'Rule' },
  { key: 'host', label: 'Host' },
  { key: 'user', label: 'User' },
  { key: 'status', label: 'Status' },
];

const STATUS_ORDER: Record<AlertStatus, number> = { new: 0, in_progress: 1, escalated: 2, closed: 3 };

function compare(a: Alert, b: Alert, key: SortKey): number {
  switch (key) {
    case 'time':
      return (a.eventTime ?? '').localeCompare(b.eventTime ?? '') || a.id - b.id;
    case 'severity':
      return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
    case 'rule':
      return a.ruleTitle.localeCompare(b.ruleTitle);
    case 'host':
      return (a.host ?? '').localeCompare(b.host ?? '');
    case 'user':
      return (a.user ?? '').localeCompare(b.user ?? '');
    case 'status':
      return STATUS_ORDER[a.work.status] - STATUS_ORDER[b.work.status];
  }
}

export function AlertQueue({ store }: { store: QueueStore }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'time', desc: false });
  const [status, setStatus] = useState<AlertStatus | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [page, setPage] = useState(0);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const alerts = store.alerts.value;

  const rows = useMemo(() => {
    const filtered = alerts.filter((a) => (!status || a.work.status === status) && (!severity || a.severity === severity));
    const dir = sort.desc ? -1 : 1;
    return filtered.sort((a, b) => dir * compare(a, b, sort.key) || a.id - b.id);
  }, [alerts, status, severity, sort]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const focusRow = (i: number) => {
    const clamped = Math.max(0, Math.min(visible.length - 1, i));
    setActive(clamped);
    (body.current?.children[clamped] as HTMLElement | undefined)?.focus();
  };

  const onKey = (e: KeyboardEvent, i: number, alert: Alert) => {
    if (e.key === 'ArrowDown') focusRow(i + 1);
    else if (e.key === 'ArrowUp') focusRow(i - 1);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(visible.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') go(`/exercises/${store.exerciseId}/alerts/${alert.id}`);
    else return;
    e.preventDefault();
  };

  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));
    setPage(0);
  };

  return (
    <section aria-labelledby="queue-title">
      <div class="bar">
        <h2 id="queue-title">Alert queue</h2>
        <span class="muted">
          {rows.length} of {alerts.length} alerts shown · live updates: {store.connection.value}
        </span>
      </div>
      <div class="filters">
        <label for="f-status">Status</label>
          <select id="f-status" value={status} onChange={(e) => { setStatus(e.currentTarget.value as AlertStatus | ''); setPage(0); }}>
            <option value="">Any</option>
            {ALERT_STATUSES.map((s) => (
              <option value={s} key={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        <label for="f-severity">Severity</label>
          <select id="f-severity" value={severity} onChange={(e) => { setSeverity(e.currentTarget.value as Severity | ''); setPage(0); }}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option value={s} key={s}>{s}</option>
            ))}
          </select>
        <button type="button" onClick={() => void store.refresh()}>Refresh</button>
      </div>
      <ErrorNote error={store.error.value} />
      {!store.loaded.value && !store.error.value && <Status>Loading alerts…</Status>}
      {store.loaded.value && rows.length === 0 && <Status>No alerts match.</Status>}
      {rows.length > 0 && (
        <table class="grid queue" aria-describedby="queue-help">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.key} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" class="sort" onClick={() => sortBy(c.key)}>
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {visible.map((a, i) => (
              <tr key={a.id} data-alert-id={a.id} tabIndex={i === Math.min(active, visible.length - 1) ? 0 : -1}
                onKeyDown={(e) => onKey(e, i, a)} onFocus={() => setActive(i)}
                onClick={() => go(`/exercises/${store.exerciseId}/alerts/${a.id}`)}>
                <td class="nowrap">{formatTime(a.eventTime)}</td>
                <td><SeverityBadge severity={a.severity} /></td>
                <td>{shown(a.ruleTitle)}</td>
                <td>{shown(a.host)}</td>
                <td>{shown(a.user)}</td>
                <td>{STATUS_LABELS[a.work.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p id="queue-help" class="muted">Use the arrow keys to move between alerts and Enter to open one.</p>
      {pages > 1 && (
        <nav class="pager" aria-label="Queue pages">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>Previous page</button>
          <span>Page {current + 1} of {pages}</span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>Next page</button>
        </nav>
      )}
    </section>
  );
}
