import type { Resource } from '../model/resource.js';
import type { DriftEnvironment, MatchedResource } from './rule.js';

/**
 * Words that name an environment in object names, by the profile they stand for: an overlay's
 * `namePrefix: prod-` and an environment called `production` are the same environment.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['production', 'prod', 'prd', 'live'],
  ['staging', 'stage', 'stg', 'preprod'],
  ['development', 'dev', 'develop'],
  ['test', 'testing', 'tst'],
  ['qa'],
  ['uat'],
  ['local'],
];

/** The words that may stand for an environment in object names: its name and that name's synonyms. */
export function environmentWords(name: string): Set<string> {
  const lower = name.toLowerCase();
  const words = new Set([lower]);
  for (const group of SYNONYMS) if (group.includes(lower)) for (const word of group) words.add(word);
  return words;
}

/**
 * Kustomize's content hash on generated ConfigMaps and Secrets (`app-config-bd2fcfgt6k`): ten
 * characters from the alphabet its encoder uses, different whenever the data differs.
 */
const KUSTOMIZE_HASH = /-[2456789bcdfghkmt]{10}$/;
const GENERATED_KINDS = new Set(['ConfigMap', 'Secret']);

function commonPrefix(names: readonly string[][]): string[] {
  if (names.length < 2) return [];
  const first = names[0]!;
  let length = first.length - 1;
  for (const tokens of names) {
    let same = 0;
    while (same < length && same < tokens.length - 1 && tokens[same] === first[same]) same++;
    length = same;
    if (length === 0) return [];
  }
  return first.slice(0, length);
}

function commonSuffix(names: readonly string[][]): string[] {
  return commonPrefix(names.map((tokens) => [...tokens].reverse())).reverse();
}

/**
 * Gives each environment its canonical naming: without kustomize's hash suffix, without words
 * that name the environment at either end (`staging-web`, `web-prod`), and without a prefix or
 * suffix that every object of the environment carries when the other environments' differ
 * (`namePrefix: acme-eu-`). What is left is the name objects are matched by.
 */
export function canonicalNamers(environments: readonly { name: string; resources: readonly Resource[] }[]): ((groupKind: string, name: string) => string)[] {
  const basic = environments.map(({ name: environment }) => {
    const words = environmentWords(environment);
    return (groupKind: string, name: string): string => {
      let stripped = GENERATED_KINDS.has(groupKind) ? name.replace(KUSTOMIZE_HASH, '') : name;
      const tokens = stripped.split('-');
      if (tokens.length === 1 && words.has(tokens[0]!)) return '<environment>';
      while (tokens.length > 1 && words.has(tokens[0]!)) tokens.shift();
      while (tokens.length > 1 && words.has(tokens[tokens.length - 1]!)) tokens.pop();
      stripped = tokens.join('-');
      return stripped;
    };
  });
  const tokenized = environments.map((environment, i) => environment.resources.filter((resource) => resource.kind !== 'Namespace').map((resource) => basic[i]!(resource.groupKind, resource.name).split('-')));
  const prefixes = tokenized.map((names) => commonPrefix(names).join('-'));
  const suffixes = tokenized.map((names) => commonSuffix(names).join('-'));
  const allSame = (list: string[]) => list.every((item) => item === list[0]);
  const prefixesDiffer = !allSame(prefixes);
  const suffixesDiffer = !allSame(suffixes);
  return basic.map((namer, i) => (groupKind, name) => {
    let canonical = namer(groupKind, name);
    const prefix = prefixes[i]!;
    const suffix = suffixes[i]!;
    if (prefixesDiffer && prefix !== '' && canonical.startsWith(`${prefix}-`)) canonical = canonical.slice(prefix.length + 1);
    if (suffixesDiffer && suffix !== '' && canonical.endsWith(`-${suffix}`)) canonical = canonical.slice(0, -suffix.length - 1);
    return canonical;
  });
}

/**
 * Matches objects across environments by group, kind and canonical name; namespaces may differ.
 * Two objects of one environment with the same key (the same name in two namespaces) are told
 * apart by their namespace's canonical name. Linear in the number of objects.
 */
export function matchResources(environments: readonly DriftEnvironment[]): MatchedResource[] {
  const byKey = new Map<string, { groupKind: string; kind: string; name: string; members: (Resource | undefined)[] }>();
  environments.forEach((environment, i) => {
    const seen = new Set<string>();
    for (const resource of environment.model.resources) {
      const name = environment.canonicalName(resource.groupKind, resource.name);
      let key = `${resource.groupKind}\0${name}`;
      if (seen.has(key)) {
        const namespace = environment.model.index.namespaceOf(resource);
        key = `${key}\0${namespace === undefined ? '' : environment.canonicalName('Namespace', namespace)}`;
        if (seen.has(key)) continue;
      }
      seen.add(key);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { groupKind: resource.groupKind, kind: resource.kind, name, members: environments.map(() => undefined) };
        byKey.set(key, entry);
      }
      entry.members[i] = resource;
    }
  });
  return [...byKey.values()];
}

/** How strict an environment is by its profile: gaps in stricter environments weigh more. */
export function strictnessOf(profile: string): number {
  const words = environmentWords(profile);
  if (words.has('production')) return 2;
  if (words.has('development') || words.has('local')) return 0;
  return 1;
}
