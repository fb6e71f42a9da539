// The simulated organisation: users, hosts, the domain, and the outside world they talk to.
// Built once per scenario from the seed, so the same seed always yields the same company.
import { Rng } from './prng.js';

export type HostRole =
  | 'workstation'
  | 'domain_controller'
  | 'file_server'
  | 'app_server'
  | 'sql_server'
  | 'backup_server'
  | 'mail_gateway'
  | 'proxy'
  | 'linux_server';

export interface Host {
  /** Short name, upper case for Windows (e.g. "NBL-WS0042"), lower case for Linux. */
  name: string;
  fqdn: string;
  ip: string;
  os: 'windows' | 'linux';
  role: HostRole;
  /** Sysmon's per-machine GUID prefix (first 8 hex digits of ProcessGuid). */
  guidPrefix: string;
  /** Primary user of a workstation. */
  owner?: User;
}

export interface User {
  sam: string;
  displayName: string;
  givenName: string;
  surname: string;
  email: string;
  sid: string;
  department: string;
  title: string;
  workstation?: Host;
  /** IT staff with a separate privileged account (adm-<sam>). */
  adminAccount?: User;
  isAdmin: boolean;
  isService: boolean;
}

export interface Organisation {
  company: string;
  /** NetBIOS domain name, e.g. "NBL". */
  domain: string;
  /** AD DNS domain, e.g. "nbl.local". */
  adDomain: string;
  /** Public e-mail/web domain. */
  emailDomain: string;
  domainSid: string;
  users: User[];
  /** Human users only (no service or admin accounts). */
  staff: User[];
  serviceAccounts: User[];
  hosts: Host[];
  workstations: Host[];
  servers: Host[];
  dc: Host;
  fileServer: Host;
  backupServer: Host;
  mailGateway: Host;
  proxy: Host;
  linuxServers: Host[];
  egressIp: string;
}

const GIVEN = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel',
  'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Paul', 'Emily', 'Steven', 'Donna', 'Andrew',
  'Michelle', 'Joshua', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Laura',
  'Ryan', 'Rebecca', 'Jacob', 'Sharon', 'Nicholas', 'Cynthia', 'Eric', 'Kathleen', 'Amir', 'Priya', 'Chen', 'Mei',
  'Olu', 'Fatima', 'Lukas', 'Sofia', 'Mateo', 'Aisha', 'Kenji', 'Ingrid', 'Rahul', 'Zofia', 'Tariq', 'Elena'];
const SURNAME = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Okafor', 'Kowalski', 'Schmidt', 'Novak',
  'Patel', 'Tanaka', 'Haddad', 'Larsen', 'Moreau', 'Rossi', 'Silva', 'Ivanova', 'Kim', 'Singh', 'Brennan'];

/** Department, share of staff, VLAN third octet, and job titles. */
const DEPARTMENTS: [string, number, number, string[]][] = [
  ['Finance', 0.12, 20, ['Accountant', 'Accounts Payable Clerk', 'Financial Analyst', 'Controller']],
  ['Sales', 0.2, 30, ['Account Executive', 'Sales Manager', 'Sales Coordinator']],
  ['Operations', 0.22, 40, ['Dispatcher', 'Fleet Planner', 'Warehouse Supervisor', 'Operations Manager']],
  ['HR', 0.06, 50, ['HR Generalist', 'Recruiter', 'Payroll Specialist']],
  ['IT', 0.08, 60, ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer']],
  ['Marketing', 0.08, 70, ['Marketing Specialist', 'Content Writer', 'Designer']],
  ['Legal', 0.04, 80, ['Counsel', 'Paralegal']],
  ['Customer Service', 0.2, 90, ['Customer Service Agent', 'Team Lead']],
];

export interface OrgOptions {
  /** Number of staff (default 240). */
  staff?: number;
}

export function buildOrganisation(rng: Rng, options: OrgOptions = {}): Organisation {
  const staffCount = options.staff ?? 240;
  const company = 'Northbridge Logistics';
  const domain = 'NBL';
  const adDomain = 'nbl.local';
  const emailDomain = 'northbridge-logistics.com';
  const domainSid = `S-1-5-21-${rng.int(1000000000, 4200000000)}-${rng.int(1000000000, 4200000000)}-${rng.int(1000000000, 4200000000)}`;
  let rid = 1104;
  const usedSam = new Set<string>();
  const mkHost = (name: string, ip: string, os: Host['os'], role: HostRole): Host => ({
    name, fqdn: `${os === 'windows' ? name.toLowerCase() : name}.${adDomain}`, ip, os, role, guidPrefix: rng.hex(8),
  });

  const servers: Host[] = [
    mkHost('NBL-DC01', '10.0.1.10', 'windows', 'domain_controller'),
    mkHost('NBL-DC02', '10.0.1.11', 'windows', 'domain_controller'),
    mkHost('NBL-FS01', '10.0.1.20', 'windows', 'file_server'),
    mkHost('NBL-APP01', '10.0.1.30', 'windows', 'app_server'),
    mkHost('NBL-SQL01', '10.0.1.31', 'windows', 'sql_server'),
    mkHost('NBL-BKP01', '10.0.1.40', 'windows', 'backup_server'),
    mkHost('mx01', '10.0.2.25', 'linux', 'mail_gateway'),
    mkHost('proxy01', '10.0.2.8', 'linux', 'proxy'),
    mkHost('web01', '10.0.3.80', 'linux', 'linux_server'),
    mkHost('db01', '10.0.3.81', 'linux', 'linux_server'),
    mkHost('bastion01', '10.0.3.22', 'linux', 'linux_server'),
  ];
  const byRole = (role: HostRole) => servers.find((h) => h.role === role)!;

  const users: User[] = [];
  const staff: User[] = [];
  const workstations: Host[] = [];
  const deptCounts = new Map<string, number>();
  for (let i = 0; i < staffCount; i++) {
    const dept = rng.weighted(DEPARTMENTS.map((d) => [d, d[1]] as const));
    const givenName = rng.pick(GIVEN);
    const surname = rng.pick(SURNAME);
    let sam = `${givenName[0]}${surname}`.toLowerCase();
    for (let n = 2; usedSam.has(sam); n++) sam = `${givenName[0]}${surname}${n}`.toLowerCase();
    usedSam.add(sam);
    const n = (deptCounts.get(dept[0]) ?? 0) + 1;
    deptCounts.set(dept[0], n);
    const ws = mkHost(`NBL-WS${String(i + 101).padStart(4, '0')}`, `10.10.${dept[2]}.${10 + n}`, 'windows', 'workstation');
    const user: User = {
      sam, givenName, surname, displayName: `${givenName} ${surname}`,
      email: `${givenName}.${surname}${sam.match(/\d+$/)?.[0] ?? ''}@${emailDomain}`.toLowerCase(),
      sid: `${domainSid}-${rid++}`, department: dept[0], title: rng.pick(dept[3]),
      workstation: ws, isAdmin: false, isService: false,
    };
    ws.owner = user;
    if (dept[0] === 'IT' && rng.chance(0.6)) {
      const adm: User = {
        ...user, sam: `adm-${sam}`, displayName: `${user.displayName} (admin)`, email: user.email,
        sid: `${domainSid}-${rid++}`, workstation: undefined, isAdmin: true,
      };
      user.adminAccount = adm;
      users.push(adm);
    }
    users.push(user);
    staff.push(user);
    workstations.push(ws);
  }
  // Always at least one IT admin, so admin activity exists.
  if (!staff.some((u) => u.adminAccount)) {
    const u = staff.find((s) => s.department === 'IT') ?? staff[0];
    const adm: User = { ...u, sam: `adm-${u.sam}`, displayName: `${u.displayName} (admin)`, sid: `${domainSid}-${rid++}`, workstation: undefined, isAdmin: true };
    u.adminAccount = adm;
    users.push(adm);
  }
  const serviceAccounts: User[] = ['svc-backup', 'svc-sql', 'svc-app', 'svc-scan'].map((sam) => ({
    sam, givenName: sam, surname: '', displayName: sam, email: `${sam}@${emailDomain}`,
    sid: `${domainSid}-${rid++}`, department: 'IT', title: 'Service account', isAdmin: sam === 'svc-backup', isService: true,
  }));
  users.push(...serviceAccounts);

  const linuxServers = servers.filter((h) => h.os === 'linux');
  return {
    company, domain, adDomain, emailDomain, domainSid, users, staff, serviceAccounts,
    hosts: [...servers, ...workstations], workstations, servers,
    dc: byRole('domain_controller'), fileServer: byRole('file_server'), backupServer: byRole('backup_server'),
    mailGateway: byRole('mail_gateway'), proxy: byRole('proxy'), linuxServers,
    egressIp: `198.51.100.${rng.int(10, 60)}`,
  };
}

/** Staff of the IT department that hold an admin account. */
export function itAdmins(org: Organisation): User[] {
  return org.staff.filter((u) => u.adminAccount);
}
