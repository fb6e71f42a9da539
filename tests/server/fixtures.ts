// A small lab: two cohorts, their trainees, staff, one exercise per cohort and a few alerts, all
// created through the real services and store.
import type { NewAlert } from '../../server/store/index.js';
import { Client, userClient, type TestLab } from './helpers.js';
import type { Exercise } from '../../server/contract/api.js';
import { emptyReport, type IncidentReport } from '../../server/contract/report.js';

export interface LabFixture {
  instructor: Client;
  grader: Client;
  /** Trainees in cohort "red". */
  tara: Client;
  theo: Client;
  /** Trainee in cohort "blue". */
  tom: Client;
  red: Exercise;
  blue: Exercise;
  /** Alert ids of the red exercise, in the order of RED_ALERTS. */
  redAlerts: number[];
  blueAlerts: number[];
}

export const RED_ALERTS: Omit<NewAlert, 'exerciseId'>[] = [
  { ruleId: 'r-ps', ruleTitle: 'Suspicious PowerShell Download', severity: 'high', eventIndex: 3, eventTime: '2024-03-05T14:03:10Z', host: 'WS01', user: 'alice', summary: 'selection: CommandLine contains DownloadString' },
  { ruleId: 'r-lsass', ruleTitle: 'LSASS Memory Access', severity: 'critical', eventIndex: 9, eventTime: '2024-03-05T14:05:00Z', host: 'WS01', user: 'SYSTEM', summary: 'selection: TargetImage endswith lsass.exe' },
  { ruleId: 'r-logon', ruleTitle: 'Failed Logon Burst', severity: 'low', eventIndex: 1, eventTime: '2024-03-05T13:59:00Z', host: 'DC01', user: 'bob', summary: 'selection: EventID 4625' },
  { ruleId: 'r-ps', ruleTitle: 'Suspicious PowerShell Download', severity: 'high', eventIndex: 20, eventTime: '2024-03-05T15:00:00Z', host: 'WS02', user: 'carol', summary: 'selection: CommandLine contains DownloadString' },
  { ruleId: 'r-info', ruleTitle: 'Service Installed', severity: 'informational', eventIndex: 25, eventTime: null, host: 'SRV01', user: null, summary: 'selection: EventID 7045' },
];

export async function createLab(lab: TestLab): Promise<LabFixture> {
  const { client: instructor } = await userClient(lab, 'ines', 'instructor');
  const { client: grader } = await userClient(lab, 'gus', 'grader');
  const { client: tara } = await userClient(lab, 'tara', 'trainee', 'red');
  const { client: theo } = await userClient(lab, 'theo', 'trainee', 'red');
  const { client: tom } = await userClient(lab, 'tom', 'trainee', 'blue');
  const store = lab.app.soclab.store;
  const mk = async (cohort: string, seed: number) => {
    const res = await instructor.post('/api/exercises', { cohortId: store.cohorts.byName(cohort)!.id, scenarioId: 'phishing-01', seed });
    if (res.statusCode !== 201) throw new Error(`create exercise: ${res.body}`);
    return res.json() as Exercise;
  };
  const red = await mk('red', 1);
  const blue = await mk('blue', 2);
  const redAlerts = RED_ALERTS.map((a) => store.alerts.insert({ ...a, exerciseId: red.id })!);
  const blueAlerts = [store.alerts.insert({ ...RED_ALERTS[0], exerciseId: blue.id })!];
  return { instructor, grader, tara, theo, tom, red, blue, redAlerts, blueAlerts };
}

export function sampleReport(summary = 'Phishing led to a PowerShell download on WS01.'): IncidentReport {
  return {
    ...emptyReport(),
    summary,
    verdict: 'true_positive',
    severity: 'high',
    affectedHosts: ['WS01'],
    affectedUsers: ['alice'],
    indicators: [{ type: 'domain', value: 'evil[.]example' }],
    timeline: [{ time: '2024-03-05T14:03:10Z', description: 'PowerShell downloads a payload' }],
    techniques: ['T1059.001'],
  };
}
