import { builtinRuleDocsUrl } from '../core/tool.js';
import { ruleCreator } from './rule.js';

/** `defineRule` for kubegate's own rules: their docs URL is their section of docs/rules.md. */
export const createRule = ruleCreator(builtinRuleDocsUrl);
