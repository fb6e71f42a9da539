// The `soclab user` and `soclab serve` commands, run in-process through commander, and graceful
// shutdown of the real server process on SIGTERM.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { register as registerUser } from '../../cli/commands/user.js';
import { Store } from '../../server/store/index.js';
import { verifyPassword } from '../../server/auth/password.js';
import { startServer } from '../../server/main.js';
import { tempDir } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function runCli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerUser(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'soclab', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

describe('soclab user', () => {
  it('add prints a generated password once; the database keeps only its scrypt hash', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = join(dir, 'lab.db');
    const out = await runCli(['user', 'add', '--username', 'nina', '--role', 'trainee', '--cohort', 'night', '--db', db]);
    const password = /password \(shown once\): (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{18}$/);
    const store = Store.open(db);
    const user = store.users.byUsername('nina')!;
    expect(user.role).toBe('trainee');
    expect(user.passwordHash).not.toContain(password!);
    expect(await verifyPassword(password!, user.passwordHash)).toBe(true);
    expect(store.cohorts.cohortsOf(user.id).map((c) => c.name)).toEqual(['night']);
    store.close();

    const reset = await runCli(['user', 'reset-password', '--username', 'nina', '--db', db]);
    const newPassword = /\(shown once\): (\S+)/.exec(reset)?.[1];
    expect(newPassword).toBeTruthy();
    expect(newPassword).not.toBe(password);
  });

  it('refuses an unknown role and a duplicate username with a clear message', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = join(dir, 'lab.db');
    await expect(runCli(['user', 'add', '--username', 'x', '--role', 'admin', '--db', db])).rejects.toThrow(/--role: expected one of trainee, instructor, grader/);
    await runCli(['user', 'add', '--username', 'x', '--role', 'grader', '--db', db]);
    await expect(runCli(['user', 'add', '--username', 'X', '--role', 'grader', '--db', db])).rejects.toThrow(/already exists/);
  });
});

describe('server process', () => {
  it('startServer listens on a real port, prints demo passwords once, and stop() closes the database', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let printed = '';
    const out = { write: (s: string) => ((printed += s), true) } as unknown as NodeJS.WritableStream;
    const server = await startServer({ dbPath: join(dir, 'lab.db'), port: 0, logLevel: 'silent' }, out);
    try {
      expect(printed).toMatch(/instructor\s+instructor\s+\S{18}/);
      const res = await fetch(`${server.address}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    } finally {
      await server.stop();
    }
    expect(server.app.soclab.store.db.open).toBe(false);
  });

  it('importing server/main from another bundle (like the CLI) starts no server', async () => {
    const out = join(process.cwd(), '.tmp', `import-test-${process.pid}`);
    mkdirSync(out, { recursive: true });
    dirs.push(out);
    const entry = join(out, 'entry.ts');
    writeFileSync(entry, `import { startServer } from '${join(process.cwd(), 'server', 'main.ts')}';\nconsole.log(typeof startServer);\n`);
    await build({ entryPoints: [entry], outdir: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
    const dir = tempDir();
    dirs.push(dir);
    const child = spawn(process.execPath, [join(out, 'entry.js')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('function');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('SIGTERM shuts the built server down cleanly (database closed, WAL checkpointed)', async () => {
    // Bundle server/main.ts the way scripts/build.mjs does (it runs standalone with PORT/SOCLAB_DB), into
    // a gitignored folder inside the project so external packages resolve from node_modules.
    const out = join(process.cwd(), '.tmp', `serve-test-${process.pid}`);
    mkdirSync(out, { recursive: true });
    dirs.push(out);
    await build({
      entryPoints: ['server/main.ts'],
      outdir: out,
      outbase: '.',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    const dir = tempDir();
    dirs.push(dir);
    const db = join(dir, 'lab.db');
    const child = spawn(process.execPath, [join(out, 'server', 'main.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', SOCLAB_DB: db },
    });
    let stdout = '';
    child.stderr.on('data', (d) => (stdout += String(d)));
    const listening = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (stdout.includes('soclab listening on')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${stdout}`)));
    });
    await listening;
    expect(stdout).toContain('First start: created demo accounts');
    expect(existsSync(`${db}-wal`)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('shutting down');
    // better-sqlite3 removes the WAL file when the last connection closes cleanly.
    expect(existsSync(`${db}-wal`)).toBe(false);
  });
});
