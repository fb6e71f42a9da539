// The fixed layout (header with who am I, role, log out) and the role-based pages.
import { useEffect, useRef } from 'preact/hooks';
import { me, logout } from './session.js';
import { route } from './router.js';
import { LoginPage } from './pages/login.js';
import { TraineeHome } from './pages/trainee-home.js';
import { TraineeExercise } from './pages/trainee-exercise.js';
import { InstructorHome } from './pages/instructor-home.js';
import { InstructorExercise } from './pages/instructor-exercise.js';
import { RulesPage } from './pages/rules.js';
import { CohortsPage } from './pages/cohorts.js';
import { idAt } from './router.js';
import { Status } from './ui.js';

function Header() {
  const user = me.value;
  return (
    <header class="top">
      <a class="brand" href="#/">
        soclab console
      </a>
      {user && (
        <nav aria-label="Main">
          <a href="#/">{user.role === 'trainee' ? 'My exercises' : 'Exercises'}</a>
          {user.role === 'instructor' && <a href="#/cohorts">Cohorts and accounts</a>}
          {user.role === 'instructor' && <a href="#/rules">Rules</a>}
        </nav>
      )}
      {user && (
        <div class="who">
          <span>
            Signed in as <strong>{user.username}</strong> ({user.role})
          </span>
          <button type="button" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      )}
    </header>
  );
}

function Page() {
  const user = me.value;
  if (user === undefined) return <Status>Loading…</Status>;
  if (user === null) return <LoginPage />;
  const r = route.value;
  if (user.role === 'trainee') {
    if (r[0] === 'exercises' && idAt(r, 1)) return <TraineeExercise exerciseId={idAt(r, 1)!} segments={r.slice(2)} />;
    return <TraineeHome />;
  }
  if (user.role === 'instructor') {
    if (r[0] === 'rules') return <RulesPage />;
    if (r[0] === 'cohorts') return <CohortsPage />;
    if (r[0] === 'exercises' && idAt(r, 1)) return <InstructorExercise exerciseId={idAt(r, 1)!} />;
    return <InstructorHome />;
  }
  return (
    <section>
      <h1>Grader</h1>
      <p>Graders read submitted reports through the API (GET /api/reports); the console has no grading screen yet.</p>
    </section>
  );
}

export function App() {
  // After navigation, keyboard and screen-reader users start at the new page's content, not at the
  // element that was removed (the initial load leaves focus where the browser puts it).
  const first = useRef(true);
  const path = route.value.join('/');
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </>
  );
}
