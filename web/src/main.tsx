// Entry point: mounts the console.
import { render } from 'preact';
import { App } from './app.js';
import { loadSession } from './session.js';

render(<App />, document.getElementById('app')!);
void loadSession().catch(() => undefined);
