// Cohorts (instructor use-cases).
import type { Cohort } from '../contract/api.js';
import type { Store, UserRow } from '../store/index.js';
import type { CohortRow } from '../store/cohorts.js';
import { ApiError, conflict, notFound } from '../errors.js';

export class CohortService {
  constructor(private readonly store: Store) {}

  private view(c: CohortRow): Cohort {
    return { id: c.id, name: c.name, createdAt: c.createdAt, trainees: this.store.cohorts.trainees(c.id) };
  }

  list(): Cohort[] {
    return this.store.cohorts.list().map((c) => this.view(c));
  }

  get(id: number): Cohort {
    const c = this.store.cohorts.byId(id);
    if (!c) throw notFound(`cohort ${id}`);
    return this.view(c);
  }

  create(name: string, actor: UserRow): Cohort {
    return this.store.transaction(() => {
      if (this.store.cohorts.byName(name)) throw conflict(`cohort "${name}" already exists`);
      const c = this.store.cohorts.insert(name);
      this.store.audit.add({ actorId: actor.id, action: 'cohort.create', targetType: 'cohort', targetId: c.id, details: { name } });
      return this.view(c);
    });
  }

  /** Adds a trainee (by username) to a cohort; idempotent. Only trainees are cohort members. */
  addTrainee(cohortId: number, username: string, actor: UserRow): Cohort {
    return this.store.transaction(() => {
      const c = this.store.cohorts.byId(cohortId);
      if (!c) throw notFound(`cohort ${cohortId}`);
      const user = this.store.users.byUsername(username);
      if (!user) throw notFound(`user "${username}"`);
      if (user.role !== 'trainee') throw new ApiError(400, 'bad_request', `user "${username}" is a ${user.role}, not a trainee`);
      if (this.store.cohorts.addMember(c.id, user.id)) {
        this.store.audit.add({
          actorId: actor.id,
          action: 'cohort.add_trainee',
          targetType: 'cohort',
          targetId: c.id,
          details: { userId: user.id, username: user.username },
        });
      }
      return this.view(c);
    });
  }
}
