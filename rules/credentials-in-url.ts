import type { ObjectPath } from '../src/core/types.js';
import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import { isObject } from '../src/model/resource.js';
import { containers } from '../src/model/workload.js';

/** What ends a URL's authority (`user:password@host:port`). */
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'", '`', '<', '>', '\\']);
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const MAX_SCHEME = 32;

/** `PASSWORD`, `DB_PASS`, `API_TOKEN`: a capitalized name of what goes there, as documentation writes `USER:PASSWORD@HOST`. */
const NAMED_SLOT = /^(?=[A-Z])[A-Z0-9_]*(?:PASS|PWD|SECRET|TOKEN|KEY)[A-Z0-9_]*$/;

/**
 * A password that is no password: empty, or standing for one filled in later, by the kubelet
 * (`$(DB_PASSWORD)`), a shell or envsubst (`${PASS}`, `$PASS`), a template (`{{ .pass }}`,
 * `{password}`, `%(password)s`, `%s`), or a reader (`<password>`, `PASSWORD`), or a mask (`***`).
 */
function isPlaceholder(password: string): boolean {
  if (password === '' || password.startsWith('$') || /[{}]/.test(password) || password.includes('%(') || /^%[a-z]$/.test(password)) return true;
  return /^<[^<>]*>$/.test(password) || /^[*xX.]+$/.test(password) || NAMED_SLOT.test(password);
}

/**
 * A user name that is itself the credential: GitHub's `https://<token>:x-oauth-basic@github.com`,
 * or any long run of letters and digits. Masked too, as the password is.
 */
function looksLikeToken(user: string): boolean {
  return user.length >= 20 && /[0-9]/.test(user) && /[A-Za-z]/.test(user) && !/[-.@]/.test(user);
}

/** A URL with a password in it, masked: `postgres://app:***@db:5432`. */
interface CredentialedUrl {
  masked: string;
}

/**
 * URLs of `text` with a literal password in their userinfo. It looks for `://` and reads the
 * scheme back and the authority forward from each, so a long value (a ConfigMap holding a file)
 * is read once, in linear time, whatever it holds.
 */
function credentialedUrls(text: string): CredentialedUrl[] {
  const found: CredentialedUrl[] = [];
  let at = text.indexOf('://');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < MAX_SCHEME && SCHEME_CHAR.test(text[start - 1]!)) start--;
    let end = at + 3;
    while (end < text.length && !AUTHORITY_END.has(text[end]!)) end++;
    const scheme = text.slice(start, at);
    const authority = text.slice(at + 3, end);
    // The last `@` ends the userinfo: one left unescaped in a password belongs to it.
    const userinfoEnd = authority.lastIndexOf('@');
    if (/^[A-Za-z]/.test(scheme) && userinfoEnd !== -1) {
      const userinfo = authority.slice(0, userinfoEnd);
      const colon = userinfo.indexOf(':');
      if (colon !== -1 && !isPlaceholder(userinfo.slice(colon + 1))) {
        const user = userinfo.slice(0, colon);
        found.push({ masked: `${scheme}://${looksLikeToken(user) ? '***' : user}:***@${authority.slice(userinfoEnd + 1)}` });
      }
    }
    at = text.indexOf('://', Math.max(end, at + 3));
  }
  return found;
}

/**
 * Whether a value can hold a URL at all, asked before its path and message data are built: few
 * values do, and credentialedUrls finds nothing in the others.
 */
function holdsUrl(text: string): boolean {
  return text.includes('://');
}

export default createRule({
  meta: {
    id: 'credentials-in-url',
    category: 'security',
    severity: 'error',
    precision: 'high',
    securitySeverity: 7.0,
    description: 'A URL with a password in it (`postgres://user:password@host`) is written in an environment variable, a container argument or a ConfigMap.',
    rationale:
      'A password in a connection string is as exposed as any literal secret, and more often overlooked: the variable is called DATABASE_URL, not PASSWORD. It is stored in the repository and its history, shown by `kubectl describe`, readable by every holder of the `view` role (which includes workloads and ConfigMaps but not Secrets), and printed in full wherever the process logs the URL it connects to or the command line it was started with (`ps`, crash reports). A password standing for a value filled in at run time (`$(DB_PASSWORD)` expanded by the kubelet from another variable, `${PASS}`, `{{ .pass }}`, `<password>`, `PASSWORD`, `%s`) is not reported; a literal one is, however weak or obviously a demo (`admin`, `password`), since the manifest runs with it. Findings show the URL with the password masked.',
    remediation:
      'Keep the whole URL in a Secret and read it with `valueFrom.secretKeyRef`, or keep only the password there and compose the URL with dependent variables: `value: postgres://app:$(DB_PASSWORD)@db:5432/shop`, with DB_PASSWORD defined earlier in `env` from the Secret. Rotate the password if the manifest was ever committed or shared.',
    messages: {
      env: 'Container "{{container}}" sets {{variable}} to a URL with a password in it ({{url}}): whoever can read this {{kind}} or its repository has the password. Read the URL from a Secret, or compose it with $(VAR) from a variable that does; and rotate the password.',
      argument: 'Container "{{container}}" passes a URL with a password in it in its {{field}} ({{url}}): it is readable in this {{kind}} and in the process list of the node. Pass it through a variable read from a Secret, and rotate the password.',
      configMap: 'ConfigMap key "{{key}}" holds a URL with a password in it ({{url}}): ConfigMaps are readable by every holder of the view role. Move the URL, or the password, to a Secret, and rotate it.',
    },
    appliesTo: [...WORKLOAD_KINDS, 'ConfigMap'],
  },
  check(resource, context) {
    const reportAll = (text: string, path: ObjectPath, messageId: 'env' | 'argument' | 'configMap', data: Record<string, string>): void => {
      // A multi-line value is a file: its key names it better than its first line would.
      const on = text.includes('\n') ? 'key' : 'value';
      for (const url of credentialedUrls(text)) context.report({ messageId, data: { ...data, url: url.masked }, path, on });
    };
    if (resource.groupKind === 'ConfigMap') {
      const data = resource.object.data;
      if (!isObject(data)) return;
      for (const [key, value] of Object.entries(data)) {
        if (typeof value === 'string' && holdsUrl(value)) reportAll(value, ['data', key], 'configMap', { key });
      }
      return;
    }
    for (const ref of containers(resource)) {
      const { container } = ref;
      if (Array.isArray(container.env)) {
        container.env.forEach((variable: unknown, index) => {
          if (!isObject(variable) || typeof variable.value !== 'string' || !holdsUrl(variable.value)) return;
          const name = typeof variable.name === 'string' ? variable.name : `#${index}`;
          reportAll(variable.value, [...ref.path, 'env', index, 'value'], 'env', { container: ref.name, variable: name, kind: resource.kind });
        });
      }
      for (const field of ['command', 'args'] as const) {
        const list = container[field];
        if (!Array.isArray(list)) continue;
        list.forEach((argument: unknown, index) => {
          if (typeof argument === 'string' && holdsUrl(argument)) reportAll(argument, [...ref.path, field, index], 'argument', { container: ref.name, field, kind: resource.kind });
        });
      }
    }
  },
});
