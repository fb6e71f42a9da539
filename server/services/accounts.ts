// Accounts: creating users (CLI and first start), checking passwords, login sessions.
import type { Role } from '../contract/vocab.js';
import { ROLES } from '../contract/vocab.js';
import type { Store, UserRow } from '../store/index.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../auth/password.js';
import { hashSessionToken, newSessionToken } from '../auth/tokens.js';
import { ApiError, notFound } from '../errors.js';

export interface NewAccount {
  username: string;
  role: Role;
  /** Cohort name to add the user to (created if missing). */
  cohort?: string;
}

export interface CreatedAccount {
  user: UserRow;
  /** Generated password, shown once and never stored in clear. */
  password: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export class AccountService {
  constructor(private readonly store: Store) {}

  /** Creates a user with a generated password. Throws ApiError conflict/bad_request. */
  async create(account: NewAccount, actorId: number | null = null): Promise<CreatedAccount> {
    if (!USERNAME.test(account.username)) {
      throw new ApiError(400, 'bad_request', `username "${account.username}": use 1-64 letters, digits, . _ @ -`);
    }
    if (!ROLES.includes(account.role)) {
      throw new ApiError(400, 'bad_request', `role "${account.role}": expected one of ${ROLES.join(', ')}`);
    }
    const password = generatePassword();
    const hash = await hashPassword(password);
    const user = this.store.transaction(() => {
      if (this.store.users.byUsername(account.username)) {
        throw new ApiError(409, 'conflict', `user "${account.username}" already exists`);
      }
      const user = this.store.users.insert(account.username, account.role, hash);
      if (account.cohort !== undefined) {
        const cohort = this.store.cohorts.byName(account.cohort) ?? this.store.cohorts.insert(account.cohort);
        this.store.cohorts.addMember(cohort.id, user.id);
      }
      this.store.audit.add({
        actorId,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        details: { username: user.username, role: user.role, cohort: account.cohort ?? null },
      });
      return user;
    });
    return { user, password };
  }

  /** Replaces a user's password with a generated one (CLI: `soclab user reset-password`). */
  async resetPassword(username: string): Promise<string> {
    const user = this.store.users.byUsername(username);
    if (!user) throw notFound(`user "${username}"`);
    const password = generatePassword();
    this.store.users.setPasswordHash(user.id, await hashPassword(password));
    this.store.audit.add({ actorId: null, action: 'user.reset_password', targetType: 'user', targetId: user.id });
    return password;
  }

  /**
   * Changes the user's password after checking the current one, and ends their other sessions.
   * 400 when the current password is wrong (the session stays valid).
   */
  async changePassword(user: UserRow, current: string, next: string, keepSessionToken: string): Promise<void> {
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new ApiError(400, 'bad_request', 'the current password is wrong');
    }
    if (current === next) throw new ApiError(400, 'bad_request', 'the new password must differ from the current one');
    const hash = await hashPassword(next);
    this.store.transaction(() => {
      this.store.users.setPasswordHash(user.id, hash);
      this.store.sessions.deleteOthers(user.id, hashSessionToken(keepSessionToken));
      this.store.audit.add({ actorId: user.id, action: 'user.change_password', targetType: 'user', targetId: user.id });
    });
  }

  /** The user when the password matches; null otherwise. Unknown users cost the same time. */
  async checkPassword(username: string, password: string): Promise<UserRow | null> {
    const user = this.store.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    return user && ok ? user : null;
  }

  /** Opens a session; returns the token for the cookie (only its hash is stored). */
  openSession(userId: number, ttlHours: number): { token: string; expiresAt: Date } {
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
    this.store.sessions.insert(hashSessionToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  /** The user of a live session token, or null. */
  userForSession(token: string): UserRow | null {
    const session = this.store.sessions.findLive(hashSessionToken(token));
    return session ? (this.store.users.byId(session.userId) ?? null) : null;
  }

  closeSession(token: string): void {
    this.store.sessions.delete(hashSessionToken(token));
  }
}

export interface DemoSeed {
  cohort: string;
  accounts: CreatedAccount[];
}

export const DEMO_COHORT = 'demo';

/**
 * On an empty database: a demo cohort with one trainee, an instructor and a grader, each with a
 * generated password (returned so the caller can print them once). Null when users exist.
 */
export async function seedDemoAccounts(store: Store, accounts: AccountService): Promise<DemoSeed | null> {
  if (store.users.count() > 0) return null;
  const created = [
    await accounts.create({ username: 'trainee', role: 'trainee', cohort: DEMO_COHORT }),
    await accounts.create({ username: 'instructor', role: 'instructor' }),
    await accounts.create({ username: 'grader', role: 'grader' }),
  ];
  return { cohort: DEMO_COHORT, accounts: created };
}
