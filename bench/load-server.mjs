// Child process of the load benchmarks: runs the built lab server (dist/server/main.js) on
// 127.0.0.1 with the overrides given as JSON in argv[2], prints one JSON line
// {address, accounts:[{username, role, password}]} and serves until SIGTERM/SIGINT.
import { startServer } from '../dist/server/main.js';

const overrides = JSON.parse(process.argv[2] ?? '{}');
const server = await startServer({ ...overrides, host: '127.0.0.1' }, { write: () => true });
const accounts = (server.app.soclab.firstStart?.accounts ?? []).map((a) => ({ username: a.user.username, role: a.user.role, password: a.password }));
process.stdout.write(JSON.stringify({ address: server.address, accounts }) + '\n');
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
