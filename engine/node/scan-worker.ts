// Worker thread for `soclab scan --jobs N`: loads the rule set once, then scans whole files on
// request and streams their alerts back in batches, waiting for an acknowledgement after each
// batch so that memory stays bounded when stdout is slower than matching.
// Protocol: types ScanWorkerInit, ToWorker, FromWorker below.
import { parentPort, workerData } from 'node:worker_threads';
import type { Alert, Diagnostic } from '../api.js';
import type { BaseRuleRef } from '../correlation/index.js';
import type { CorrelationDocument } from '../rule/index.js';
import type { InputFormatOption, InputProblem } from '../input/index.js';
import { ConfigError } from './load-config.js';
import { loadRuleSet, type RuleSetLoadOptions } from './load-rule-set.js';
import { RulePathError } from './rule-files.js';
import { scanEventFile, type ScanFileResult } from './scan-file.js';

export interface ScanWorkerInit {
  load: RuleSetLoadOptions;
  format: InputFormatOption;
  /** Problems forwarded per file (the rest are only counted). */
  maxProblemsPerFile: number;
}

export type ToWorker = { type: 'scan'; file: string } | { type: 'ack' };

export type FromWorker =
  | {
      type: 'ready';
      loaded: number;
      failed: number;
      files: number;
      skippedDataFiles: string[];
      diagnostics: Diagnostic[];
      configDiagnostics: Diagnostic[];
      /** Present when correlation documents loaded: the main thread compiles them (compileCorrelations). */
      correlation?: { documents: CorrelationDocument[]; rules: BaseRuleRef[] };
    }
  | { type: 'fatal'; usage: boolean; message: string }
  | { type: 'alerts'; alerts: Alert[] }
  | { type: 'problem'; problem: InputProblem }
  | { type: 'progress'; bytes: number }
  | { type: 'done'; result: ScanFileResult };

const BATCH = 256;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('scan-worker must run in a worker thread');
  const init = workerData as ScanWorkerInit;
  const post = (msg: FromWorker) => port.postMessage(msg);

  let ack: (() => void) | undefined;
  const queue: string[] = [];
  let busy = false;

  let loaded;
  try {
    loaded = await loadRuleSet(init.load);
  } catch (err) {
    post({ type: 'fatal', usage: err instanceof RulePathError || err instanceof ConfigError, message: (err as Error).message });
    return;
  }
  const { ruleSet } = loaded;

  async function scan(file: string): Promise<void> {
    let batch: Alert[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const waiting = new Promise<void>((resolve) => (ack = resolve));
      post({ type: 'alerts', alerts: batch });
      batch = [];
      await waiting;
    };
    let problems = 0;
    const result = await scanEventFile(
      file,
      ruleSet,
      (alert) => {
        batch.push(alert);
        return batch.length >= BATCH ? flush() : undefined;
      },
      {
        format: init.format,
        onProblem: (problem) => {
          if (problems++ < init.maxProblemsPerFile) post({ type: 'problem', problem });
        },
        onProgress: (bytes) => post({ type: 'progress', bytes }),
      },
    );
    await flush();
    post({ type: 'done', result });
  }

  async function scanSafely(file: string): Promise<void> {
    try {
      await scan(file);
    } catch (err) {
      // openEventFile refused the path (it was checked before, so it changed meanwhile)
      post({ type: 'done', result: { name: file, events: 0, malformed: 0, alerts: 0, bytes: 0, stopped: false, error: (err as Error).message } });
    }
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    while (queue.length) await scanSafely(queue.shift()!);
    busy = false;
  }

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'ack') {
      const resolve = ack;
      ack = undefined;
      resolve?.();
    } else if (msg.type === 'scan') {
      queue.push(msg.file);
      void drain();
    }
  });

  post({
    type: 'ready',
    loaded: ruleSet.loaded,
    failed: ruleSet.failed,
    files: loaded.files,
    skippedDataFiles: loaded.skippedDataFiles,
    diagnostics: ruleSet.diagnostics,
    configDiagnostics: loaded.configDiagnostics,
    correlation: ruleSet.correlations.length
      ? { documents: [...ruleSet.correlations], rules: ruleSet.compiled.map((c) => ({ meta: c.meta, rule: { id: c.rule.id, name: c.rule.name } })) }
      : undefined,
  });
}

await main();
