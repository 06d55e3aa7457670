import { toSubjectLabel } from '../evaluate/subject.ts';
import type { Finding } from '../evaluate/types.ts';
import { toPathText } from '../model/effective-access.ts';
import type { AccessTreeNode, AccountExplanation, CodeExplanation, GraphStatus } from './types.ts';

/** Terminal text for `explain`: the tree depth-indented, two spaces a level. Tenant text is printed as is, on one line. */

const oneLine = (text: string): string => text.replace(/[\r\n\t]+/g, ' ');

const toNodeLine = (node: AccessTreeNode, depth: number): string => {
  const facts = node.kind === 'privilege'
    ? ['privilege']
    : [node.type ?? (node.mark === 'unresolved' ? null : 'role'), node.seeded === null ? null : node.seeded ? 'seeded' : 'custom'].filter((fact) => fact !== null);
  const mark = node.mark === 'cycle' ? '  ↺ cycle: already above, not walked again'
    : node.mark === 'repeat' ? '  (expanded above)'
      : node.mark === 'unresolved' ? '  (not in the role graph)' : '';
  const name = node.name === null ? '' : `  ${oneLine(node.name)}`;
  return `${'  '.repeat(depth)}${node.code}${name}${facts.length === 0 ? '' : `  [${facts.join(', ')}]`}${mark}`;
};

const addTree = (lines: string[], node: AccessTreeNode, depth: number): void => {
  lines.push(toNodeLine(node, depth));
  for (const child of node.children) addTree(lines, child, depth + 1);
};

export const toGraphLine = (graph: GraphStatus): string => {
  if (!graph.collected || graph.source === null) {
    return 'Role graph: not collected (directly assigned roles only; configure roleGraph to see inherited roles and privileges)';
  }
  const coverage = graph.coverage === null ? ''
    : `; resolves ${graph.coverage.resolved} of ${graph.coverage.assigned} assigned role codes${graph.coverage.unresolved.length === 0 ? '' : ` (unresolved: ${graph.coverage.unresolved.join(', ')})`}`;
  return `Role graph: ${graph.source.kind === 'bip' ? 'BI Publisher report' : 'file'} ${graph.source.location}, read ${graph.source.readAt}${coverage}`;
};

const addFindings = (lines: string[], findings: readonly Finding[]): void => {
  lines.push('', `Findings (${findings.length}):`);
  if (findings.length === 0) lines.push('  none');
  for (const finding of findings) {
    const path = Array.isArray(finding.evidence.path) && finding.evidence.path.length > 1 ? `\n      path: ${toPathText(finding.evidence.path as string[])}` : '';
    lines.push(`  ${finding.severity.padEnd(8)} ${finding.ruleId}${finding.status === 'waived' ? ' (waived)' : ''}  ${oneLine(finding.message)}${path}`);
  }
};

export const toAccountText = (explanation: AccountExplanation): string => {
  const who = [explanation.integration ? 'integration user' : explanation.person ? 'person' : 'account', explanation.active ? 'active' : 'INACTIVE'];
  const lines = [`${explanation.username}  (${who.join(', ')}; in ${explanation.sources.join(', ')})`, toGraphLine(explanation.graph), ''];
  lines.push(`Direct roles (${explanation.directRoles.length})${explanation.graph.collected ? ', with what they inherit:' : ':'}`);
  if (explanation.directRoles.length === 0) lines.push('  none');
  for (const node of explanation.directRoles) addTree(lines, node, 1);
  if (explanation.effective !== null) {
    const { roles, privileges } = explanation.effective;
    lines.push('', `Effective access: ${roles} role${roles === 1 ? '' : 's'}, ${privileges} privilege${privileges === 1 ? '' : 's'}`);
  }
  addFindings(lines, explanation.findings);
  return `${lines.join('\n')}\n`;
};

export const toCodeText = (explanation: CodeExplanation): string => {
  const facts = [explanation.kind, explanation.type, explanation.seeded === null ? null : explanation.seeded ? 'seeded' : 'custom'].filter((fact) => fact !== null);
  const lines = [
    `${explanation.code}${explanation.name === null ? '' : `  ${oneLine(explanation.name)}`}  [${facts.join(', ')}]${explanation.graph.collected && !explanation.inGraph ? '  (not in the role graph)' : ''}`,
    toGraphLine(explanation.graph),
  ];
  if (explanation.containedBy.length > 0) lines.push(`Contained by: ${explanation.containedBy.join(', ')}`);
  if (explanation.members.length > 0) lines.push(`Members: ${explanation.members.map((member) => (member.kind === 'privilege' ? `${member.code} (privilege)` : member.code)).join(', ')}`);
  const direct = explanation.holders.filter((holder) => holder.direct).length;
  lines.push('', `Held by ${explanation.holders.length} account${explanation.holders.length === 1 ? '' : 's'} (${direct} directly, ${explanation.holders.length - direct} inherited):`);
  if (explanation.holders.length === 0) lines.push('  none');
  const width = Math.min(40, Math.max(0, ...explanation.holders.map((holder) => holder.username.length)));
  for (const holder of explanation.holders) {
    lines.push(`  ${holder.username.padEnd(width)}  ${holder.direct ? 'directly assigned' : toPathText(holder.path)}`);
  }
  addFindings(lines, explanation.findings.map((finding) => ({ ...finding, message: `${toSubjectLabel(finding)}: ${finding.message}` })));
  return `${lines.join('\n')}\n`;
};
