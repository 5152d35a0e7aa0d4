import { formatMessage } from '../core/format.js';
import type { Finding, InternalError, RelatedLocation, Severity } from '../core/types.js';
import { expandSelector, type GroupKind } from '../model/kinds.js';
import { resourceRef, type Resource } from '../model/resource.js';
import { DIAGNOSTICS } from './diagnostics.js';
import type { ResourceIndex } from '../model/index.js';
import type { Diagnostic, Model } from './model.js';
import type { AnyRule, ReportDescriptor, RuleRun } from './rule.js';
import type { ResolvedSettings } from './settings.js';

export interface RuleResults {
  findings: Finding[];
  internalErrors: InternalError[];
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

function toFinding(rule: AnyRule, severity: Severity, resource: Resource, descriptor: ReportDescriptor, keepSeverity = false): Finding {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id "${descriptor.messageId}"`);
  const at = resource.basePath.length === 0 ? descriptor.path : [...resource.basePath, ...descriptor.path];
  const finding: Finding = {
    ruleId: rule.meta.id,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    severity: descriptor.downgrade && !keepSeverity ? LOWER[severity] : severity,
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
  return `on ${resource.unnamed ? resource.name : `${resource.kind}/${resource.name}`} (${resource.document.file}:${resource.document.line})`;
}

interface Active {
  ruleId: string;
  run: RuleRun;
  current: { resource: Resource | undefined };
}

/**
 * The enabled rules of one run: each is created once, checks the resources of the kinds it
 * applies to as they are given, then finishes. A rule that throws is recorded and the others go
 * on. The index the rules see can be swapped between batches of resources (a run that lints as
 * it reads gives each batch its own), which only rules of scope `resource` may be run under.
 */
export class RuleRunner {
  readonly findings: Finding[] = [];
  readonly internalErrors: InternalError[] = [];
  private readonly byKind = new Map<GroupKind, Active[]>();
  private readonly everyKind: Active[] = [];
  private readonly active: Active[] = [];

  constructor(
    private readonly settings: ResolvedSettings,
    private index: ResourceIndex,
  ) {
    const runner = this;
    for (const { rule, severity, options, keepSeverity } of settings.rules) {
      const current: { resource: Resource | undefined } = { resource: undefined };
      const context: Parameters<AnyRule['create']>[0] = {
        get index() {
          return runner.index;
        },
        options,
        report(descriptor) {
          const resource = descriptor.resource ?? current.resource;
          if (!resource) throw new Error(`rule ${rule.meta.id} reported from finish() without naming a resource`);
          runner.findings.push(toFinding(rule, severity, resource, descriptor, keepSeverity));
        },
      };
      let run: RuleRun;
      try {
        run = rule.create(context);
      } catch (error) {
        this.internalErrors.push(failure(rule.meta.id, 'to start', error));
        continue;
      }
      const entry: Active = { ruleId: rule.meta.id, run, current };
      this.active.push(entry);
      if (!run.check) continue;
      const kinds = expandSelector(rule.meta.appliesTo);
      if (kinds === undefined) {
        this.everyKind.push(entry);
        continue;
      }
      for (const kind of kinds) {
        const list = this.byKind.get(kind);
        if (list) list.push(entry);
        else this.byKind.set(kind, [entry]);
      }
    }
  }

  useIndex(index: ResourceIndex): void {
    this.index = index;
  }

  /** Input problems as findings, with the severity the run gives them. */
  diagnose(diagnostics: Iterable<Diagnostic>): void {
    for (const diagnostic of diagnostics) {
      const severity = this.settings.diagnostics[diagnostic.id];
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
      this.findings.push(finding);
    }
  }

  check(resource: Resource): void {
    for (const entry of this.byKind.get(resource.groupKind) ?? []) this.checkWith(entry, resource);
    for (const entry of this.everyKind) this.checkWith(entry, resource);
    resource.document.forget?.();
  }

  private checkWith(entry: Active, resource: Resource): void {
    entry.current.resource = resource;
    try {
      entry.run.check!(resource);
    } catch (error) {
      this.internalErrors.push(failure(entry.ruleId, describeWhere(resource), error));
    }
  }

  finish(): RuleResults {
    for (const entry of this.active) {
      entry.current.resource = undefined;
      if (!entry.run.finish) continue;
      try {
        entry.run.finish();
      } catch (error) {
        this.internalErrors.push(failure(entry.ruleId, 'to finish', error));
      }
    }
    return { findings: this.findings, internalErrors: this.internalErrors };
  }
}

/** Runs the enabled rules over a whole model: its input problems, every resource, then each rule's finish. */
export function runRules(model: Model, settings: ResolvedSettings): RuleResults {
  const runner = new RuleRunner(settings, model.index);
  runner.diagnose(model.diagnostics);
  for (const resource of model.resources) runner.check(resource);
  return runner.finish();
}
