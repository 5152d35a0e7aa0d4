import { formatMessage } from '../core/format.js';
import type { Finding, InternalError, RelatedLocation, Severity } from '../core/types.js';
import { expandSelector, type GroupKind } from '../model/kinds.js';
import { resourceRef, type Resource } from '../model/resource.js';
import { DIAGNOSTICS } from './diagnostics.js';
import type { Model } from './model.js';
import type { AnyRule, ReportDescriptor, RuleRun } from './rule.js';
import type { ResolvedSettings } from './settings.js';

export interface RuleResults {
  findings: Finding[];
  internalErrors: InternalError[];
}

function toFinding(rule: AnyRule, severity: Severity, resource: Resource, descriptor: ReportDescriptor): Finding {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id "${descriptor.messageId}"`);
  const at = [...resource.basePath, ...descriptor.path];
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    severity,
    file: resource.document.file,
    range: resource.document.rangeOf(at, descriptor.on ?? 'value'),
    resource: resourceRef(resource),
    path: descriptor.path,
  };
  if (descriptor.data) finding.data = descriptor.data;
  if (resource.origin) finding.origin = resource.origin;
  if (descriptor.related && descriptor.related.length > 0) {
    finding.related = descriptor.related.map((related): RelatedLocation => ({
      file: related.resource.document.file,
      range: related.resource.document.rangeOf([...related.resource.basePath, ...related.path], related.on ?? 'value'),
      resource: resourceRef(related.resource),
      path: related.path,
      message: related.message,
    }));
  }
  if (descriptor.fix) {
    const span = resource.document.spanOf([...resource.basePath, ...descriptor.fix.path], descriptor.fix.on ?? 'value');
    if (!span) throw new Error(`rule ${rule.meta.id} offered a fix at a path that does not exist`);
    finding.fix = { file: resource.document.file, edits: [{ start: span.start, end: span.end, text: descriptor.fix.text }] };
  }
  return finding;
}

function failure(ruleId: string, where: string, error: unknown): InternalError {
  const message = `rule ${ruleId} failed ${where}: ${error instanceof Error ? error.message : String(error)}`;
  return error instanceof Error && error.stack ? { message, stack: error.stack } : { message };
}

function describeWhere(resource: Resource): string {
  return `on ${resource.kind}/${resource.name} (${resource.document.file}:${resource.document.line})`;
}

/** Input problems as findings, with the severity the run gives them. */
function diagnosticFindings(model: Model, settings: ResolvedSettings, findings: Finding[]): void {
  for (const diagnostic of model.diagnostics) {
    const severity = settings.diagnostics[diagnostic.id];
    if (severity === 'off') continue;
    const meta = DIAGNOSTICS[diagnostic.id];
    const finding: Finding = {
      ruleId: diagnostic.id,
      messageId: diagnostic.messageId,
      message: formatMessage(meta.messages[diagnostic.messageId] ?? diagnostic.messageId, diagnostic.data),
      severity,
      file: diagnostic.file,
      range: diagnostic.range,
    };
    if (diagnostic.data) finding.data = diagnostic.data;
    if (diagnostic.resource) finding.resource = diagnostic.resource;
    if (diagnostic.path) finding.path = diagnostic.path;
    if (diagnostic.origin) finding.origin = diagnostic.origin;
    findings.push(finding);
  }
}

/**
 * Runs the enabled rules over a model: each rule is created once with the whole index, checks the
 * resources of the kinds it applies to, then finishes. A rule that throws is recorded and the
 * others go on.
 */
export function runRules(model: Model, settings: ResolvedSettings): RuleResults {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  diagnosticFindings(model, settings, findings);

  interface Active {
    ruleId: string;
    run: RuleRun;
    current: { resource: Resource | undefined };
  }
  const byKind = new Map<GroupKind, Active[]>();
  const everyKind: Active[] = [];
  const active: Active[] = [];
  for (const { rule, severity, options } of settings.rules) {
    const current: { resource: Resource | undefined } = { resource: undefined };
    const context: Parameters<AnyRule["create"]>[0] = {
      index: model.index,
      options,
      report(descriptor) {
        const resource = descriptor.resource ?? current.resource;
        if (!resource) throw new Error(`rule ${rule.meta.id} reported from finish() without naming a resource`);
        findings.push(toFinding(rule, severity, resource, descriptor));
      },
    };
    let run: RuleRun;
    try {
      run = rule.create(context);
    } catch (error) {
      internalErrors.push(failure(rule.meta.id, 'to start', error));
      continue;
    }
    const entry: Active = { ruleId: rule.meta.id, run, current };
    active.push(entry);
    if (!run.check) continue;
    const kinds = expandSelector(rule.meta.appliesTo);
    if (kinds === undefined) {
      everyKind.push(entry);
      continue;
    }
    for (const kind of kinds) {
      const list = byKind.get(kind);
      if (list) list.push(entry);
      else byKind.set(kind, [entry]);
    }
  }

  const check = (entry: Active, resource: Resource) => {
    entry.current.resource = resource;
    try {
      entry.run.check!(resource);
    } catch (error) {
      internalErrors.push(failure(entry.ruleId, describeWhere(resource), error));
    }
  };
  for (const resource of model.resources) {
    for (const entry of byKind.get(resource.groupKind) ?? []) check(entry, resource);
    for (const entry of everyKind) check(entry, resource);
  }
  for (const entry of active) {
    entry.current.resource = undefined;
    if (!entry.run.finish) continue;
    try {
      entry.run.finish();
    } catch (error) {
      internalErrors.push(failure(entry.ruleId, 'to finish', error));
    }
  }
  return { findings, internalErrors };
}
