/** Facts about kubegate itself that reports and docs print; a test holds them to package.json. */
export const TOOL_NAME = 'kubegate';
export const HOMEPAGE = 'https://github.com/kubegate/kubegate';
/** Where the generated rule reference lives, relative to the repository root (and to README.md). */
export const RULES_DOC_PATH = 'docs/rules.md';

// Rule ids are lowercase kebab-case, so GitHub's heading anchor for `## <id>` is the id itself.
export function builtinRuleDocsUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/${RULES_DOC_PATH}#${id}`;
}
