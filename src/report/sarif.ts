import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Finding, LintResult, Rule, Severity } from '../engine/types.js';
import { describeResource } from '../model/resource.js';
import { packageInfo } from '../package-info.js';
import { formatPath } from './path.js';
import { ruleHelpUri } from './rule-docs.js';
import type { ReportContext, Reporter } from './types.js';

/** The errata01 schema, the one the tests validate against. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const SRCROOT = '%SRCROOT%';

/** Bump the suffix only when the fingerprint input changes, since every existing alert would reopen. */
const FINGERPRINT_KEY = 'kubegate/v1';

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

function describeRule(rule: Rule): ReportingDescriptor {
  const { meta } = rule;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: { text: meta.remediation, markdown: meta.remediation },
    helpUri: ruleHelpUri(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { category: meta.category, tags: ['kubernetes', meta.category] },
  };
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

function location(finding: Finding, artifact: ArtifactLocation): Location {
  const { range } = finding;
  const result: Location = {
    physicalLocation: {
      artifactLocation: artifact,
      region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
    },
  };
  if (finding.resource) {
    result.logicalLocations = [{ name: finding.resource.name, fullyQualifiedName: describeResource(finding.resource), kind: 'object' }];
  }
  return result;
}

/**
 * Fingerprints say which alert a result is across runs, so they leave out line numbers: an edit
 * above a finding must not close it and open a new one. A finding on a resource is identified by
 * the resource (kind, namespace and name; not apiVersion, so migrating an API keeps the alert) and
 * the path in it. Findings without a resource (parse errors) and any that still collide, such as
 * a resource defined twice in one file, are told apart by their order of occurrence.
 */
function fingerprinter(): (finding: Finding, file: string) => string {
  const seen = new Map<string, number>();
  return (finding, file) => {
    const parts = [finding.ruleId, file, finding.message];
    if (finding.resource) {
      const { kind, namespace, name } = finding.resource;
      parts.push(kind, namespace ?? '', name, formatPath(finding.path ?? []));
    }
    const identity = parts.join('\u0000');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex');
  };
}

export function toSarif(result: LintResult, context: ReportContext): Log {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.meta.id, index]));
  const fingerprint = fingerprinter();
  const results = result.findings.map((finding): Result => {
    const artifact = artifactLocation(finding.file, context.cwd);
    const sarifResult: Result = {
      ruleId: finding.ruleId,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [location(finding, artifact)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, artifact.uri!) },
    };
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) sarifResult.ruleIndex = index;
    if (finding.templateSource !== undefined) sarifResult.properties = { templateSource: finding.templateSource };
    return sarifResult;
  });

  // A rule that threw is a failed run, which SARIF says in the invocation rather than as a result.
  const notifications = result.internalErrors.map((text): Notification => ({ level: 'error', message: { text } }));
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
            name: 'kubegate',
            version: context.version,
            semanticVersion: context.version,
            informationUri: packageInfo().homepage,
            rules: context.rules.map(describeRule),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export const sarifReporter: Reporter = (result, context) => `${JSON.stringify(toSarif(result, context), null, 2)}\n`;
