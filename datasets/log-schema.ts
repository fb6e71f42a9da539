// The field schema of every log source the generator writes: which fields each kind of event must
// carry and their JSON types. Documentation for trainees and rule authors (datasets/README.md) and
// the contract tests/datasets checks every generated event against.

export type FieldType = 'string' | 'integer' | 'string[]';
export type FieldSchema = Record<string, FieldType>;

const WIN: FieldSchema = { timestamp: 'string', Provider_Name: 'string', EventID: 'integer', Channel: 'string', Computer: 'string', EventRecordID: 'integer' };
const SYSMON: FieldSchema = { ...WIN, UtcTime: 'string', RuleName: 'string' };
const PROC: FieldSchema = { ProcessGuid: 'string', ProcessId: 'integer', Image: 'string', User: 'string' };
const SUBJECT: FieldSchema = { SubjectUserSid: 'string', SubjectUserName: 'string', SubjectDomainName: 'string', SubjectLogonId: 'string' };

/** Keyed by `sysmon:<EventID>`, `security:<EventID>`, `system:<EventID>`, `powershell:<EventID>` or the `log_source` value. */
export const LOG_SCHEMAS: Record<string, FieldSchema> = {
  'sysmon:1': { ...SYSMON, ...PROC, CommandLine: 'string', CurrentDirectory: 'string', LogonGuid: 'string', LogonId: 'string',
    TerminalSessionId: 'integer', IntegrityLevel: 'string', Hashes: 'string', ParentProcessGuid: 'string', ParentProcessId: 'integer',
    ParentImage: 'string', ParentCommandLine: 'string', ParentUser: 'string', OriginalFileName: 'string', Description: 'string',
    Product: 'string', Company: 'string', FileVersion: 'string' },
  'sysmon:3': { ...SYSMON, ...PROC, Protocol: 'string', Initiated: 'string', SourceIp: 'string', SourcePort: 'integer',
    DestinationIp: 'string', DestinationPort: 'integer', DestinationHostname: 'string', SourceHostname: 'string' },
  'sysmon:7': { ...SYSMON, ...PROC, ImageLoaded: 'string', Hashes: 'string', Signed: 'string', Signature: 'string', SignatureStatus: 'string' },
  'sysmon:8': { ...SYSMON, SourceProcessGuid: 'string', SourceProcessId: 'integer', SourceImage: 'string', TargetProcessGuid: 'string',
    TargetProcessId: 'integer', TargetImage: 'string', StartAddress: 'string', StartModule: 'string', StartFunction: 'string' },
  'sysmon:10': { ...SYSMON, SourceProcessGUID: 'string', SourceProcessId: 'integer', SourceImage: 'string', TargetProcessGUID: 'string',
    TargetProcessId: 'integer', TargetImage: 'string', GrantedAccess: 'string', CallTrace: 'string', SourceUser: 'string', TargetUser: 'string' },
  'sysmon:11': { ...SYSMON, ...PROC, TargetFilename: 'string', CreationUtcTime: 'string' },
  'sysmon:12': { ...SYSMON, ...PROC, EventType: 'string', TargetObject: 'string' },
  'sysmon:13': { ...SYSMON, ...PROC, EventType: 'string', TargetObject: 'string', Details: 'string' },
  'sysmon:17': { ...SYSMON, ...PROC, EventType: 'string', PipeName: 'string' },
  'sysmon:22': { ...SYSMON, ...PROC, QueryName: 'string', QueryStatus: 'string', QueryResults: 'string' },
  'security:4624': { ...WIN, ...SUBJECT, TargetUserSid: 'string', TargetUserName: 'string', TargetDomainName: 'string', TargetLogonId: 'string',
    LogonType: 'integer', LogonProcessName: 'string', AuthenticationPackageName: 'string', WorkstationName: 'string', IpAddress: 'string', IpPort: 'integer' },
  'security:4625': { ...WIN, ...SUBJECT, TargetUserName: 'string', TargetDomainName: 'string', Status: 'string', SubStatus: 'string',
    LogonType: 'integer', WorkstationName: 'string', IpAddress: 'string', IpPort: 'integer' },
  'security:4634': { ...WIN, TargetUserSid: 'string', TargetUserName: 'string', TargetDomainName: 'string', TargetLogonId: 'string', LogonType: 'integer' },
  'security:4648': { ...WIN, ...SUBJECT, TargetUserName: 'string', TargetDomainName: 'string', TargetServerName: 'string', ProcessName: 'string', IpAddress: 'string' },
  'security:4672': { ...WIN, ...SUBJECT, PrivilegeList: 'string' },
  'security:4688': { ...WIN, ...SUBJECT, NewProcessId: 'string', NewProcessName: 'string', ProcessId: 'string', CommandLine: 'string',
    ParentProcessName: 'string', TokenElevationType: 'string', MandatoryLabel: 'string' },
  'security:4698': { ...WIN, ...SUBJECT, TaskName: 'string', TaskContent: 'string' },
  'security:4720': { ...WIN, ...SUBJECT, TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string', SamAccountName: 'string' },
  'security:4726': { ...WIN, ...SUBJECT, TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string' },
  'security:4728': { ...WIN, ...SUBJECT, MemberName: 'string', MemberSid: 'string', TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string' },
  'security:4732': { ...WIN, ...SUBJECT, MemberName: 'string', MemberSid: 'string', TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string' },
  'security:4740': { ...WIN, ...SUBJECT, TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string' },
  'security:4768': { ...WIN, TargetUserName: 'string', TargetDomainName: 'string', TargetSid: 'string', ServiceName: 'string', Status: 'string',
    TicketEncryptionType: 'string', IpAddress: 'string' },
  'security:4769': { ...WIN, TargetUserName: 'string', TargetDomainName: 'string', ServiceName: 'string', Status: 'string',
    TicketEncryptionType: 'string', IpAddress: 'string' },
  'security:4776': { ...WIN, PackageName: 'string', TargetUserName: 'string', Workstation: 'string', Status: 'string' },
  'security:5140': { ...WIN, ...SUBJECT, ShareName: 'string', ShareLocalPath: 'string', IpAddress: 'string', AccessMask: 'string' },
  'security:5145': { ...WIN, ...SUBJECT, ShareName: 'string', ShareLocalPath: 'string', RelativeTargetName: 'string', IpAddress: 'string', AccessMask: 'string' },
  'security:1102': { ...WIN, ...SUBJECT },
  'system:7045': { ...WIN, ServiceName: 'string', ImagePath: 'string', ServiceType: 'string', StartType: 'string', AccountName: 'string' },
  'powershell:4104': { ...WIN, ScriptBlockText: 'string', ScriptBlockId: 'string', MessageNumber: 'integer', MessageTotal: 'integer' },
  'powershell:4103': { ...WIN, ContextInfo: 'string', Payload: 'string' },
  dns: { timestamp: 'string', log_source: 'string', host: 'string', src_ip: 'string', query: 'string', record_type: 'string', rcode: 'string', answer: 'string' },
  proxy: { timestamp: 'string', log_source: 'string', host: 'string', src_ip: 'string', 'cs-username': 'string', 'cs-method': 'string',
    'c-uri': 'string', 'cs-host': 'string', 'c-uri-stem': 'string', 'c-uri-query': 'string', 'c-uri-extension': 'string',
    'sc-status': 'integer', 'c-useragent': 'string', 'cs-bytes': 'integer', 'sc-bytes': 'integer', 'cs-referrer': 'string',
    dst_ip: 'string', category: 'string', action: 'string' },
  firewall: { timestamp: 'string', log_source: 'string', host: 'string', src_ip: 'string', src_port: 'integer', dst_ip: 'string',
    dst_port: 'integer', protocol: 'string', action: 'string', blocked: 'string', direction: 'string', rule: 'string' },
  mail: { timestamp: 'string', log_source: 'string', host: 'string', message_id: 'string', direction: 'string', sender: 'string',
    sender_domain: 'string', sender_ip: 'string', recipient: 'string', subject: 'string', spf: 'string', dkim: 'string', dmarc: 'string',
    action: 'string', spam_score: 'integer', attachment_count: 'integer', attachment_names: 'string[]', attachment_sha256: 'string[]', urls: 'string[]' },
  linux_auth: { timestamp: 'string', log_source: 'string', host: 'string', program: 'string', pid: 'integer', message: 'string' },
  auditd: { timestamp: 'string', log_source: 'string', host: 'string', type: 'string', msg: 'string', argc: 'integer', a0: 'string',
    exe: 'string', comm: 'string', uid: 'integer', auid: 'integer', pid: 'integer', key: 'string' },
};

const CHANNEL_SOURCES: Record<string, string> = {
  'Microsoft-Windows-Sysmon/Operational': 'sysmon',
  Security: 'security',
  System: 'system',
  'Microsoft-Windows-PowerShell/Operational': 'powershell',
};

/** The LOG_SCHEMAS key for an event, or undefined when it is of no known kind. */
export function schemaKeyOf(ev: Record<string, unknown>): string | undefined {
  if (typeof ev.log_source === 'string') return ev.log_source;
  const src = typeof ev.Channel === 'string' ? CHANNEL_SOURCES[ev.Channel] : undefined;
  return src ? `${src}:${ev.EventID}` : undefined;
}

function typeOk(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'string[]': return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

/** Problems of one event against its schema (empty when it conforms). */
export function checkEventSchema(ev: Record<string, unknown>): string[] {
  const key = schemaKeyOf(ev);
  if (!key) return ['unknown log source (no log_source, or a Channel/EventID without a schema)'];
  const schema = LOG_SCHEMAS[key];
  if (!schema) return [`no schema for ${key}`];
  const out: string[] = [];
  for (const [field, t] of Object.entries(schema)) {
    if (!(field in ev)) out.push(`${key}: missing ${field}`);
    else if (!typeOk(ev[field], t)) out.push(`${key}: ${field} should be ${t}, is ${JSON.stringify(ev[field])?.slice(0, 60)}`);
  }
  return out;
}
