// The incident report editor: the report schema's fields, autosaved a moment after each edit with
// the server's optimistic locking (baseVersion), mirrored to localStorage so a browser crash loses
// nothing, and read-only once submitted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Report } from '../../../server/contract/api.js';
import {
  emptyReport,
  INCIDENT_VERDICTS,
  INDICATOR_TYPES,
  REPORT_LIMITS,
  VERDICT_LABELS,
  type IncidentReport,
  type IndicatorType,
} from '../../../server/contract/report.js';
import { SEVERITIES, type Severity } from '../../../server/contract/vocab.js';
import { resolveTechnique, techniqueName } from '../../../grading/normalise/technique.js';
import { api, ApiFailure, describeError } from '../api.js';
import { me } from '../session.js';
import { ErrorNote, formatTime, Status } from '../ui.js';

const AUTOSAVE_DELAY_MS = 1500;

interface LocalCopy {
  body: IncidentReport;
  /** The server version the local edits started from (null before the first save). */
  baseVersion: number | null;
}

function storageKey(exerciseId: number): string {
  return `soclab.report.${me.value?.id ?? 0}.${exerciseId}`;
}

function readLocal(exerciseId: number): LocalCopy | null {
  try {
    const raw = localStorage.getItem(storageKey(exerciseId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LocalCopy;
    return parsed && typeof parsed === 'object' && parsed.body ? { body: { ...emptyReport(), ...parsed.body }, baseVersion: parsed.baseVersion ?? null } : null;
  } catch {
    return null;
  }
}

function writeLocal(exerciseId: number, copy: LocalCopy | null): void {
  try {
    if (copy) localStorage.setItem(storageKey(exerciseId), JSON.stringify(copy));
    else localStorage.removeItem(storageKey(exerciseId));
  } catch {
    /* storage full or disabled: the server copy still autosaves */
  }
}

/** The body as the API accepts it: blank list lines, indicators and timeline rows left out. */
export function cleanReport(r: IncidentReport): IncidentReport {
  const lines = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  return {
    ...r,
    affectedHosts: lines(r.affectedHosts),
    affectedUsers: lines(r.affectedUsers),
    techniques: lines(r.techniques),
    recommendedActions: lines(r.recommendedActions),
    indicators: r.indicators
      .filter((i) => i.value.trim())
      .map((i) => (i.note?.trim() ? { type: i.type, value: i.value.trim(), note: i.note.trim() } : { type: i.type, value: i.value.trim() })),
    timeline: r.timeline.filter((t) => t.time.trim() && t.description.trim()).map((t) => ({ time: t.time.trim(), description: t.description.trim() })),
  };
}

function ListField(props: { id: string; label: string; hint: string; value: string[]; disabled: boolean; onChange: (v: string[]) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <span class="hint" id={props.id + '-hint'}>{props.hint}</span>
      <textarea id={props.id} rows={3} aria-describedby={props.id + '-hint'} disabled={props.disabled}
        value={props.value.join('\n')} onInput={(e) => props.onChange(e.currentTarget.value.split('\n'))} />
    </div>
  );
}

/** How the grader will read each technique line: the ATT&CK id and name, or "not recognised". */
export function TechniquePreview({ lines }: { lines: string[] }) {
  const items = lines.map((l) => l.trim()).filter(Boolean);
  if (items.length === 0) return null;
  return (
    <ul class="preview" aria-label="Techniques as the grader reads them">
      {items.map((line, i) => {
        const id = resolveTechnique(line);
        const name = id ? techniqueName(id) : undefined;
        return (
          <li key={i}>
            {line}: {id ? `${id}${name ? ` (${name})` : ' (id not in the lab’s table)'}` : 'not recognised as an ATT&CK technique'}
          </li>
        );
      })}
    </ul>
  );
}

type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

export function ReportEditor({ exerciseId }: { exerciseId: number }) {
  const [body, setBody] = useState<IncidentReport | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState<Report | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<{ body: IncidentReport | null; version: number | null }>({ body: null, version: null });
  latest.current = { body, version };

  useEffect(() => {
    let live = true;
    api.get<Report>(`/api/exercises/${exerciseId}/report`).then(
      (r) => {
        if (!live) return;
        if (r.status === 'submitted') {
          writeLocal(exerciseId, null);
          setSubmitted(r);
          return;
        }
        const local = readLocal(exerciseId);
        setVersion(r.version);
        if (local && local.baseVersion === r.version && JSON.stringify(cleanReport(local.body)) !== JSON.stringify(r.body)) {
          setBody(local.body);
          setState('unsaved');
        } else setBody({ ...emptyReport(), ...r.body });
      },
      (err) => {
        if (!live) return;
        if (err instanceof ApiFailure && err.status === 404) {
          const local = readLocal(exerciseId);
          setBody(local?.body ?? emptyReport());
          setState(local ? 'unsaved' : 'saved');
        } else setLoadError(describeError(err));
      },
    );
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [exerciseId]);

  const save = async (): Promise<number | null> => {
    const { body: b, version: v } = latest.current;
    if (!b) return null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setState('saving');
    try {
      const r = await api.put<Report>(`/api/exercises/${exerciseId}/report`, {
        body: cleanReport(b),
        ...(v === null ? {} : { baseVersion: v }),
      });
      setVersion(r.version);
      latest.current.version = r.version;
      // Edits made while saving stay unsaved (and are saved next).
      if (latest.current.body === b) {
        setState('saved');
        writeLocal(exerciseId, null);
      } else {
        writeLocal(exerciseId, { body: latest.current.body!, baseVersion: r.version });
        schedule();
      }
      setError(null);
      return r.version;
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'version_conflict') {
        setState('conflict');
        setError('The report was changed elsewhere (another tab?). Your text is kept here; reload the page to see the saved copy, or save over it.');
      } else {
        setState('failed');
        setError(`Not saved: ${describeError(err)}`);
      }
      return null;
    }
  };

  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  };

  const edit = (patch: Partial<IncidentReport>) => {
    const next = { ...latest.current.body!, ...patch };
    latest.current.body = next;
    setBody(next);
    setState('unsaved');
    writeLocal(exerciseId, { body: next, baseVersion: latest.current.version });
    schedule();
  };

  const overwrite = async () => {
    try {
      const r = await api.get<Report>(`/api/exercises/${exerciseId}/report`);
      latest.current.version = r.version;
      setVersion(r.version);
      await save();
    } catch (err) {
      setError(describeError(err));
    }
  };

  const submit = async () => {
    setError(null);
    const v = state === 'saved' && version !== null ? version : await save();
    if (v === null) return;
    try {
      const r = await api.post<Report>(`/api/exercises/${exerciseId}/report/submit`, { baseVersion: v });
      writeLocal(exerciseId, null);
      setSubmitted(r);
    } catch (err) {
      setError(`Not submitted: ${describeError(err)}`);
    }
  };

  if (loadError) return <ErrorNote error={loadError} />;
  if (submitted) return <SubmittedReport report={submitted} />;
  if (!body) return <Status>Loading report…</Status>;

  const label: Record<SaveState, string> = {
    saved: version === null ? 'Nothing saved yet' : `All changes saved (version ${version})`,
    unsaved: 'Unsaved changes (kept in this browser; saving shortly)',
    saving: 'Saving…',
    conflict: 'Not saved: changed elsewhere',
    failed: 'Not saved',
  };

  return (
    <section class="report" aria-labelledby="report-title">
      <div class="bar">
        <h2 id="report-title">Incident report</h2>
        <span class="muted" role="status">{label[state]}</span>
      </div>
      <ErrorNote error={error} />
      {state === 'conflict' && <button type="button" onClick={() => void overwrite()}>Save my version over it</button>}
      <div class="field">
        <label for="r-summary">Summary</label>
        <textarea id="r-summary" rows={5} maxLength={REPORT_LIMITS.summary} value={body.summary} onInput={(e) => edit({ summary: e.currentTarget.value })} />
      </div>
      <div class="row">
        <div class="field">
          <label for="r-verdict">Verdict</label>
          <select id="r-verdict" value={body.verdict} onChange={(e) => edit({ verdict: e.currentTarget.value as IncidentReport['verdict'] })}>
            {INCIDENT_VERDICTS.map((v) => <option key={v} value={v}>{VERDICT_LABELS[v]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="r-severity">Severity</label>
          <select id="r-severity" value={body.severity} onChange={(e) => edit({ severity: e.currentTarget.value as Severity })}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      <div class="row">
        <ListField id="r-hosts" label="Affected hosts" hint="One per line." value={body.affectedHosts} disabled={false} onChange={(v) => edit({ affectedHosts: v })} />
        <ListField id="r-users" label="Affected users" hint="One per line, e.g. CORP\\alice." value={body.affectedUsers} disabled={false} onChange={(v) => edit({ affectedUsers: v })} />
      </div>
      <fieldset>
        <legend>Indicators</legend>
        {body.indicators.map((ind, i) => (
          <div class="row" key={i}>
            <label>Type{' '}
              <select value={ind.type} onChange={(e) => edit({ indicators: body.indicators.map((x, j) => (j === i ? { ...x, type: e.currentTarget.value as IndicatorType } : x)) })}>
                {INDICATOR_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
              </select>
            </label>
            <label>Value{' '}
              <input value={ind.value} maxLength={REPORT_LIMITS.indicatorValue} onInput={(e) => edit({ indicators: body.indicators.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)) })} />
            </label>
            <label>Note{' '}
              <input value={ind.note ?? ''} maxLength={REPORT_LIMITS.note} onInput={(e) => edit({ indicators: body.indicators.map((x, j) => (j === i ? { ...x, note: e.currentTarget.value } : x)) })} />
            </label>
            <button type="button" class="secondary" onClick={() => edit({ indicators: body.indicators.filter((_, j) => j !== i) })}>Remove indicator {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => edit({ indicators: [...body.indicators, { type: 'ip', value: '' }] })}>Add indicator</button>
      </fieldset>
      <fieldset>
        <legend>Timeline</legend>
        {body.timeline.map((t, i) => (
          <div class="row" key={i}>
            <label>Time{' '}
              <input value={t.time} placeholder="2024-03-05T14:03:10Z" maxLength={REPORT_LIMITS.timelineTime} onInput={(e) => edit({ timeline: body.timeline.map((x, j) => (j === i ? { ...x, time: e.currentTarget.value } : x)) })} />
            </label>
            <label class="grow">What happened{' '}
              <input value={t.description} maxLength={REPORT_LIMITS.timelineDescription} onInput={(e) => edit({ timeline: body.timeline.map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x)) })} />
            </label>
            <button type="button" class="secondary" onClick={() => edit({ timeline: body.timeline.filter((_, j) => j !== i) })}>Remove entry {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => edit({ timeline: [...body.timeline, { time: '', description: '' }] })}>Add timeline entry</button>
      </fieldset>
      <div class="row">
        <div class="field">
          <ListField id="r-techniques" label="ATT&CK techniques" hint="Ids (T1059.001) or names, one per line." value={body.techniques} disabled={false} onChange={(v) => edit({ techniques: v })} />
          <TechniquePreview lines={body.techniques} />
        </div>
        <ListField id="r-actions" label="Recommended actions" hint="One per line." value={body.recommendedActions} disabled={false} onChange={(v) => edit({ recommendedActions: v })} />
      </div>
      <div class="field">
        <label for="r-free">Anything else</label>
        <textarea id="r-free" rows={6} maxLength={REPORT_LIMITS.freeText} value={body.freeText} onInput={(e) => edit({ freeText: e.currentTarget.value })} />
      </div>
      <div class="buttons">
        <button type="button" onClick={() => void save()} disabled={state === 'saving'}>Save now</button>
        <button type="button" onClick={() => void submit()} disabled={state === 'saving'}>Submit report (final)</button>
      </div>
    </section>
  );
}

function SubmittedReport({ report }: { report: Report }) {
  const b = { ...emptyReport(), ...report.body };
  const list = (xs: string[]) => (xs.length ? <ul>{xs.map((x, i) => <li key={i}>{x}</li>)}</ul> : <p>-</p>);
  return (
    <section class="report" aria-labelledby="report-title">
      <h2 id="report-title">Incident report (submitted {formatTime(report.submittedAt)}, read-only)</h2>
      <h3>Summary</h3>
      <p class="prewrap">{b.summary || '-'}</p>
      <dl class="facts">
        <dt>Verdict</dt><dd>{VERDICT_LABELS[b.verdict] ?? b.verdict}</dd>
        <dt>Severity</dt><dd>{b.severity}</dd>
      </dl>
      <h3>Affected hosts</h3>{list(b.affectedHosts)}
      <h3>Affected users</h3>{list(b.affectedUsers)}
      <h3>Indicators</h3>
      {list(b.indicators.map((i) => `${i.type}: ${i.value}${i.note ? ` (${i.note})` : ''}`))}
      <h3>Timeline</h3>
      {list(b.timeline.map((t) => `${t.time}: ${t.description}`))}
      <h3>ATT&CK techniques</h3>
      {b.techniques.length ? <TechniquePreview lines={b.techniques} /> : <p>-</p>}
      <h3>Recommended actions</h3>{list(b.recommendedActions)}
      <h3>Anything else</h3>
      <p class="prewrap">{b.freeText || '-'}</p>
    </section>
  );
}
