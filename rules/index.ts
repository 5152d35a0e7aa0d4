// The rule registry, sorted by id. A test checks it lists every file in this folder.
import type { Rule } from '../src/engine/types.js';
import duplicateKey from './duplicate-key.js';
import incompleteResource from './incomplete-resource.js';
import invalidEncoding from './invalid-encoding.js';
import readinessProbeMissing from './readiness-probe-missing.js';
import unrenderedTemplate from './unrendered-template.js';
import yamlSyntaxError from './yaml-syntax-error.js';

export const rules: readonly Rule[] = [
  duplicateKey,
  incompleteResource,
  invalidEncoding,
  readinessProbeMissing,
  unrenderedTemplate,
  yamlSyntaxError,
] as Rule[];
