import { describe, expect, it } from 'vitest';
import { buildRoleGraph, checkDirection } from '../src/collect/role-graph/build.ts';
import { describeCycles, findRoleCycles } from '../src/collect/role-graph/cycles.ts';
import { parseRoleGraphCsv } from '../src/collect/role-graph/rows.ts';
import { parseRunReportAnswer, toRunReportEnvelope } from '../src/collect/role-graph/soap.ts';
import { ValidationError } from '../src/errors.ts';
import { indexRoleGraph } from '../src/model/effective-access.ts';
import type { RoleEdge, RoleGraphSource } from '../src/model/role-graph.ts';

const SOURCE: RoleGraphSource = { kind: 'file', location: 'role-graph.csv', readAt: '2026-01-01T00:00:00.000Z' };

const toGraph = (text: string) => buildRoleGraph(parseRoleGraphCsv(text, 'g.csv', 'payload'), SOURCE);

const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('role-graph CSV contract', () => {
  it('reads quoted names with commas, quotes, line breaks, = and <; a BOM; CRLF; headers in any case and order; extra columns ignored', () => {
    const text = '\uFEFFmember_code,Role_Code,STAGED,role_name,MEMBER_KIND,member_name,ROLE_TYPE,is_seeded\r\n'
      + 'ORA_GL_GENERAL_ACCOUNTANT_JOB,XX_INT_GL,N,"INT GL, ""copy""\r\nof GL",role,General Accountant,Job,N\r\n'
      + 'GL_RUN_TRIAL_BALANCE_REPORT_PRIV,ORA_GL_GENERAL_ACCOUNTANT_JOB,N,General Accountant,PRIVILEGE,"=Run, <Trial>",Job,\r\n';
    const graph = toGraph(text);
    expect(graph.roles).toEqual([
      { code: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', name: 'General Accountant', type: 'Job', seeded: true },
      { code: 'XX_INT_GL', name: 'INT GL, "copy"\r\nof GL', type: 'Job', seeded: false },
    ]);
    expect(graph.privileges).toEqual([{ code: 'GL_RUN_TRIAL_BALANCE_REPORT_PRIV', name: '=Run, <Trial>' }]);
    expect(graph.edges).toEqual([
      { role: 'ORA_GL_GENERAL_ACCOUNTANT_JOB', kind: 'privilege', member: 'GL_RUN_TRIAL_BALANCE_REPORT_PRIV' },
      { role: 'XX_INT_GL', kind: 'role', member: 'ORA_GL_GENERAL_ACCOUNTANT_JOB' },
    ]);
    // LF record ends and no BOM give the same graph (the line break inside the quoted name stays).
    expect(toGraph(text.slice(1).replace(/\r\n(?=[A-Z])/g, '\n'))).toEqual(graph);
  });

  it('IS_SEEDED: Y/N, true/false in any case; empty means the ORA_ prefix; anything else is a row error', () => {
    const rows = (seeded: string, code = 'XX_A') => `ROLE_CODE,IS_SEEDED,MEMBER_KIND,MEMBER_CODE\n${code},${seeded},,\n`;
    expect(toGraph(rows('Y')).roles[0]?.seeded).toBe(true);
    expect(toGraph(rows('false', 'ORA_X_JOB')).roles[0]?.seeded).toBe(false);
    expect(toGraph(rows('TRUE')).roles[0]?.seeded).toBe(true);
    expect(toGraph(rows('', 'ORA_X_JOB')).roles[0]?.seeded).toBe(true);
    expect(toGraph(rows('')).roles[0]?.seeded).toBe(false);
    expect(errorOf(() => toGraph(rows('maybe')))).toBe('g.csv: line 2: IS_SEEDED must be Y, N, true, false or empty');
  });

  it('MEMBER_KIND ROLE / PRIVILEGE / empty (a role without members); a member of a role only ever a member gets MEMBER_NAME', () => {
    const graph = toGraph('ROLE_CODE,ROLE_TYPE,MEMBER_KIND,MEMBER_CODE,MEMBER_NAME\nORA_A_JOB,Job,Role,ORA_B_DUTY,B duty\nXX_EMPTY,Job,,,\n');
    expect(graph.roles).toEqual([
      { code: 'ORA_A_JOB', name: null, type: 'Job', seeded: true },
      { code: 'ORA_B_DUTY', name: 'B duty', type: null, seeded: true },
      { code: 'XX_EMPTY', name: null, type: 'Job', seeded: false },
    ]);
    expect(graph.edges).toHaveLength(1);
    expect(errorOf(() => toGraph('ROLE_CODE,MEMBER_KIND,MEMBER_CODE\nA,GROUP,B\n'))).toMatch(/^g\.csv: line 2: MEMBER_KIND must be ROLE, PRIVILEGE or empty/);
    expect(errorOf(() => toGraph('ROLE_CODE,MEMBER_KIND,MEMBER_CODE\nA,,B\n'))).toBe('g.csv: line 2: MEMBER_KIND is empty but MEMBER_CODE is set');
    expect(errorOf(() => toGraph('ROLE_CODE,MEMBER_KIND,MEMBER_CODE\nA,ROLE,\n'))).toBe('g.csv: line 2: MEMBER_CODE is empty for a ROLE member');
  });

  it('duplicate rows give each edge once; the first row of a role names it', () => {
    const graph = toGraph('ROLE_CODE,ROLE_NAME,MEMBER_KIND,MEMBER_CODE\nA,First,ROLE,B\nA,Second,ROLE,B\n');
    expect(graph.edges).toHaveLength(1);
    expect(graph.roles.find((role) => role.code === 'A')?.name).toBe('First');
  });

  it('a header without the required columns is one line naming them and what was found', () => {
    const message = errorOf(() => parseRoleGraphCsv('CONTAINER_CODE,MEMBER_CODE\nA,B\n', 'g.csv', 'payload'));
    expect(message).toBe('g.csv: the header lacks the required columns ROLE_CODE, MEMBER_KIND (found CONTAINER_CODE, MEMBER_CODE); expected ROLE_CODE, ROLE_NAME, ROLE_TYPE, IS_SEEDED, MEMBER_KIND, MEMBER_CODE, MEMBER_NAME');
  });

  it('a row with a stray comma (unquoted) is an error naming the line, never a shifted edge', () => {
    const error = (() => {
      try {
        parseRoleGraphCsv('ROLE_CODE,ROLE_NAME,MEMBER_KIND,MEMBER_CODE\nA,Name, with comma,ROLE,B\n', 'g.csv', 'payload');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual(['g.csv: line 2: 5 cells, the header has 4 (quote a cell that contains a comma)']);
  });

  it('a header-only or empty text has no rows', () => {
    expect(parseRoleGraphCsv('', 'g.csv', 'payload')).toEqual([]);
    expect(parseRoleGraphCsv('\uFEFFROLE_CODE,MEMBER_KIND,MEMBER_CODE\r\n', 'g.csv', 'payload')).toEqual([]);
  });
});

describe('role-graph sanity checks', () => {
  it('a cycle between two roles is reported once and the walk terminates', () => {
    const graph = toGraph('ROLE_CODE,MEMBER_KIND,MEMBER_CODE\nXX_A,ROLE,XX_B\nXX_B,ROLE,XX_A\nXX_B,PRIVILEGE,P_PRIV\nXX_S,ROLE,XX_S\n');
    expect(graph.problems).toEqual([
      'cycle XX_A → XX_B → XX_A: tolerated, each role is walked once',
      'cycle XX_S → XX_S: tolerated, each role is walked once',
    ]);
    const access = indexRoleGraph(graph).accessOf(['XX_A']);
    expect([...access.roles.keys()].sort()).toEqual(['XX_A', 'XX_B']);
    expect(access.privileges.get('P_PRIV')?.path).toEqual(['XX_A', 'XX_B', 'P_PRIV']);
  });

  it('finds a long cycle in a 20,000-role chain without overflowing the stack', () => {
    const edges: RoleEdge[] = Array.from({ length: 20_000 }, (_, i) => ({ role: `R${i}`, kind: 'role', member: `R${(i + 1) % 20_000}` }));
    const cycles = findRoleCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(20_000);
    expect(describeCycles([...edges].slice(0, 3))).toEqual([]);
  });

  it('duty roles containing job roles: the direction is inverted (one line); the right way round passes', () => {
    const right = toGraph('ROLE_CODE,ROLE_TYPE,MEMBER_KIND,MEMBER_CODE\nORA_J_JOB,Job,ROLE,ORA_D_DUTY\nORA_D_DUTY,Duty,PRIVILEGE,P_PRIV\nORA_E_ABSTRACT,Abstract Role,ROLE,ORA_D_DUTY\n');
    expect(checkDirection(right, 'g.csv')).toBeNull();
    const wrong = toGraph('ROLE_CODE,ROLE_TYPE,MEMBER_KIND,MEMBER_CODE\nORA_D_DUTY,Duty,ROLE,ORA_J_JOB\nORA_D_DUTY,Duty,ROLE,ORA_E_ABSTRACT\nORA_J_JOB,Job,,\nORA_E_ABSTRACT,Abstract,,\n');
    expect(checkDirection(wrong, 'g.csv')).toMatch(/^g\.csv: the role graph points the wrong way: 2 edges have a duty role containing a job or abstract role \(e\.g\. ORA_D_DUTY contains ORA_E_ABSTRACT\), 0 the other way: .*swap PARENT_ROLE_ID and CHILD_ROLE_ID in bip\/role-graph\.sql/);
  });
});

describe('BI Publisher SOAP', () => {
  it('builds runReport with reportRequest in Oracle\'s element order and the path escaped', () => {
    const envelope = toRunReportEnvelope('/Custom/A & B/<Role Graph>.xdo');
    const order = ['attributeFormat>csv', 'byPassCache>true', 'flattenXML>false', 'reportAbsolutePath>/Custom/A &amp; B/&lt;Role Graph&gt;.xdo', 'sizeOfDataChunkDownload>-1'];
    const positions = order.map((part) => envelope.indexOf(`<pub:${part}<`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(envelope).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
    expect(envelope).toContain('xmlns:pub="http://xmlns.oracle.com/oxp/service/PublicReportService"');
  });

  it('reads reportBytes whatever the prefixes (env:/ns2:, soapenv: with a default namespace)', () => {
    const csv = Buffer.from('\uFEFFROLE_CODE,MEMBER_KIND,MEMBER_CODE\r\nA,,\r\n').toString('base64');
    const prefixed = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><ns2:runReportResponse xmlns:ns2="http://xmlns.oracle.com/oxp/service/PublicReportService"><ns2:runReportReturn><ns2:reportBytes>${csv}</ns2:reportBytes></ns2:runReportReturn></ns2:runReportResponse></env:Body></env:Envelope>`;
    const unprefixed = `<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"><soapenv:Body><runReportResponse xmlns="http://xmlns.oracle.com/oxp/service/PublicReportService"><runReportReturn><reportBytes>\n${csv.slice(0, 10)}\n${csv.slice(10)}</reportBytes><reportContentType>text/plain</reportContentType></runReportReturn></runReportResponse></soapenv:Body></soapenv:Envelope>`;
    for (const xml of [prefixed, unprefixed]) {
      const answer = parseRunReportAnswer(xml);
      expect(answer.kind).toBe('report');
      if (answer.kind === 'report') expect(answer.bytes.toString('utf8')).toBe('\uFEFFROLE_CODE,MEMBER_KIND,MEMBER_CODE\r\nA,,\r\n');
    }
  });

  it('classifies a fault by the exception class in its reason (or only in Detail); SOAP 1.1 faultstring too', () => {
    const fault12 = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason><s:Text xml:lang="en">oracle.xdo.webservice.exception.AccessDeniedException: PublicReportService::login failed</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>';
    expect(parseRunReportAnswer(fault12)).toEqual({ kind: 'fault', code: 's:Receiver', reason: 'oracle.xdo.webservice.exception.AccessDeniedException: PublicReportService::login failed', exception: 'oracle.xdo.webservice.exception.AccessDeniedException' });
    const inDetail = '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text>Report not found</e:Text></e:Reason><e:Detail><oracle.xdo.webservice.exception.InvalidParametersException/></e:Detail></e:Fault></e:Body></e:Envelope>';
    expect(parseRunReportAnswer(inDetail)).toMatchObject({ kind: 'fault', exception: 'oracle.xdo.webservice.exception.InvalidParametersException' });
    const fault11 = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>oracle.xdo.webservice.exception.OperationFailedException: boom</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    expect(parseRunReportAnswer(fault11)).toMatchObject({ kind: 'fault', code: 'soapenv:Server.userException', exception: 'oracle.xdo.webservice.exception.OperationFailedException' });
  });

  it('HTML or a body without runReportReturn is unreadable, never a report', () => {
    expect(parseRunReportAnswer('<html><body>Login</body></html>')).toEqual({ kind: 'unreadable', reason: 'no SOAP Envelope/Body' });
    expect(parseRunReportAnswer('<E:Envelope xmlns:E="x"><E:Body><other/></E:Body></E:Envelope>').kind).toBe('unreadable');
  });
});

describe('shared CSV helper, fast path', () => {
  it('names the exact line of a bad record even after a quoted cell spanning lines', async () => {
    const { parseCsvRecords } = await import('../src/util/csv.ts');
    const text = 'A,B\n"x\ny",1\n2\n';
    expect(() => parseCsvRecords(text, 'f.csv')).toThrow('f.csv: line 4: 1 cell, the header has 2 (quote a cell that contains a comma)');
    const ok = parseCsvRecords('\uFEFFA,B\r\n"x\r\ny",1\r\n', 'f.csv');
    expect(ok.header).toEqual(['A', 'B']);
    expect(ok.records).toEqual([['x\r\ny', '1']]);
    expect(parseCsvRecords('A,B\n"x\ny",1\n', 'f.csv').lineOf(0)).toBe(3);
  });
});
