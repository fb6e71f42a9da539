// Golden folders for correlation rules: tests/engine/golden-correlation/<case>/{rules.yml, events.jsonl,
// expected.json} (see its README). Every alert the scan would print, in order, must match.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorrelatingAlertStream, compileRuleSet, eventTimestamp, parseEvents, type Alert, type CorrelationAlert } from '../../engine/index.js';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden-correlation');
const cases = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

function describeAlert(a: Alert): unknown {
  if ((a as CorrelationAlert).kind !== 'correlation') return { alert: a.rule.title, line: a.source.line };
  const { match, events } = a as CorrelationAlert;
  const c = match.correlation;
  return {
    correlation: a.rule.title, type: c.type, groupBy: c.groupBy, value: c.value, window: [c.windowStart, c.windowEnd],
    events: events.map((e) => `${e.source.file}:${e.source.line}`),
  };
}

describe('golden correlation cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const set = compileRuleSet([{ file: 'rules.yml', text: readFileSync(path.join(dir, 'rules.yml'), 'utf8') }]);
      expect(set.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      const stream = new CorrelatingAlertStream(set.correlationSet);
      const { records, parser } = parseEvents(readFileSync(path.join(dir, 'events.jsonl'), 'utf8'), { file: 'events.jsonl' });
      expect(parser.stats.malformed).toBe(0);
      const out: Alert[] = [];
      for (const { event, source } of records) {
        const timestamp = eventTimestamp(event);
        for (const hit of set.match(event)) out.push(...stream.accept({ rule: hit.rule, timestamp, event, match: hit.match, source }));
      }
      out.push(...stream.finish());
      expect(out.map(describeAlert)).toEqual(JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')));
    });
  }
});
