import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result, Suppression as SarifSuppression } from 'sarif';
import { fingerprinter } from '../core/fingerprint.js';
import { describeResource } from '../core/format.js';
import type { LintResult, Range, ResourceRef, RuleDescriptor, RuleHelp, Severity, Suppression } from '../core/types.js';
import type { ReportContext, Reporter } from './types.js';

/** The errata01 schema, the one the tests validate against. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const SRCROOT = '%SRCROOT%';

/**
 * Bump the suffix only when the fingerprint input changes, since every existing alert would
 * reopen. v2: the message id replaced the message text.
 */
const FINGERPRINT_KEY = 'kubegate/v2';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** What the loader calls standard input; it has no file to point at. */
const STDIN_NAMES = new Set(['-', '<stdin>']);

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** GitHub's problem.severity for alerts that are not security alerts. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

function describeRule(meta: RuleDescriptor, help: RuleHelp | undefined): ReportingDescriptor {
  const security = meta.securitySeverity !== undefined;
  const properties: Record<string, unknown> = {
    category: meta.category,
    tags: ['kubernetes', meta.category, ...(security ? ['security'] : [])],
    precision: meta.precision ?? 'high',
    'problem.severity': PROBLEM_SEVERITY[meta.severity],
  };
  // GitHub reads the score as a string; one decimal is the form its documentation shows.
  if (security) properties['security-severity'] = meta.securitySeverity!.toFixed(1);
  const descriptor: ReportingDescriptor = {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: help ?? { text: `${meta.rationale}\n\n${meta.remediation}`, markdown: `${meta.rationale}\n\n**How to fix.** ${meta.remediation}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties,
  };
  if (meta.docsUrl !== undefined) descriptor.helpUri = meta.docsUrl;
  return descriptor;
}

/** A directory as a file URI ending in `/`, as SARIF requires of a base URI. */
function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir.endsWith(sep) ? dir : `${dir}${sep}`).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * Every file is relative to `%SRCROOT%` (the working directory), so the log does not depend on
 * where the repository was checked out. Files outside it keep `../` segments rather than an
 * absolute URI, which GitHub's upload rejects (GH1006); a different root path (another drive)
 * leaves no relative form, so that alone gets an absolute file URI.
 */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  if (STDIN_NAMES.has(file)) return { uri: 'stdin' };
  const fromRoot = relative(cwd, resolve(cwd, file));
  if (isAbsolute(fromRoot)) return { uri: pathToFileURL(resolve(cwd, file)).href };
  return { uri: fromRoot.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function physicalLocation(artifact: ArtifactLocation, range: Range): Location {
  return {
    physicalLocation: {
      artifactLocation: artifact,
      region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
    },
  };
}

function withResource(location: Location, resource: ResourceRef | undefined): Location {
  if (resource) location.logicalLocations = [{ name: resource.name, fullyQualifiedName: describeResource(resource), kind: 'object' }];
  return location;
}

/** Annotations and inline comments live in the source; configuration and baselines outside it. */
function sarifSuppression(suppression: Suppression): SarifSuppression {
  const inSource = suppression.kind === 'annotation' || suppression.kind === 'inline';
  return { kind: inSource ? 'inSource' : 'external', justification: suppression.justification, properties: { kubegateKind: suppression.kind } };
}

export function toSarif(result: LintResult, context: ReportContext): Log {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const fingerprint = fingerprinter();
  const results = result.findings.map((finding): Result => {
    const artifact = artifactLocation(finding.file, context.cwd);
    const sarifResult: Result = {
      ruleId: finding.ruleId,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [withResource(physicalLocation(artifact, finding.range), finding.resource)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, artifact.uri!) },
    };
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) sarifResult.ruleIndex = index;
    if (finding.related && finding.related.length > 0) {
      sarifResult.relatedLocations = finding.related.map((related, id) => ({
        ...withResource(physicalLocation(artifactLocation(related.file, context.cwd), related.range), related.resource),
        id,
        message: { text: related.message },
      }));
    }
    if (finding.suppressions && finding.suppressions.length > 0) sarifResult.suppressions = finding.suppressions.map(sarifSuppression);
    if (finding.origin !== undefined) sarifResult.properties = { templateSource: finding.origin.file };
    if (finding.sides !== undefined) sarifResult.properties = { ...sarifResult.properties, environments: finding.sides };
    return sarifResult;
  });

  // A rule that threw is a failed run, which SARIF says in the invocation rather than as a result.
  const notifications = result.internalErrors.map((error): Notification => ({ level: 'error', message: { text: error.message } }));
  const invocation = notifications.length > 0
    ? { executionSuccessful: false, toolExecutionNotifications: notifications }
    : { executionSuccessful: true };

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: context.tool.name,
            version: context.tool.version,
            semanticVersion: context.tool.version,
            informationUri: context.tool.informationUri,
            rules: context.rules.map((meta) => describeRule(meta, context.help?.(meta.id))),
          },
        },
        invocations: [invocation],
        // Code scanning keeps one set of alerts per category: runs per environment or shard each name theirs.
        automationDetails: { id: `kubegate/${context.category ? `${context.category}/` : ''}` },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export const sarifReporter: Reporter = (result, context) => `${JSON.stringify(toSarif(result, context), null, 2)}\n`;
