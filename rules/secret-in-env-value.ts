import { createRule } from '../src/engine/builtin-rule.js';
import { WORKLOAD_KINDS } from '../src/model/kinds.js';
import { isObject } from '../src/model/resource.js';
import { containers } from '../src/model/workload.js';

/** Last words that make a name hold a secret; `PGPASSWORD` and `CLIENTSECRET` end in one too. */
const SECRET_ENDINGS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'CREDENTIALS', 'CREDENTIAL', 'APIKEY', 'SECRETKEY', 'ACCESSKEY', 'PRIVATEKEY'];
/** Short words that mean a password only as a whole word after another (`SMTP_PASS`, `MYSQL_PWD`): `PWD` alone is the shell's working directory, and `BYPASS` is no password. */
const SECRET_SUFFIX_WORDS = new Set(['PASS', 'PWD']);
/** Every ending and word above holds one of these, so a name without any names no secret. */
const SECRET_WORD = /pass|pwd|secret|token|credential|key/i;
/** Words before `KEY` that make it a credential (`API_KEY`, `AWS_SECRET_ACCESS_KEY`, `awsSecretKey`), unlike `CACHE_KEY` or `ROUTING_KEY`. */
const KEY_QUALIFIERS = ['API', 'PRIVATE', 'ACCESS', 'SECRET', 'ENCRYPTION', 'SIGNING', 'MASTER', 'AUTH', 'HMAC', 'CLIENT', 'LICENSE'];

/**
 * Names whose secret word means something else: etcd's `ETCD_AUTH_TOKEN` chooses the token
 * provider (`simple`, or `jwt,priv-key=<file>,…`), and its cluster tokens identify a cluster to
 * its members without authenticating anything.
 */
const NOT_SECRETS = new Set(['ETCD_AUTH_TOKEN', 'ETCD_INITIAL_CLUSTER_TOKEN', 'ETCD_DISCOVERY_TOKEN']);

/** The words of a variable or key name: `dbPassword`, `db-password`, `DB_PASSWORD` and `db.password` all give DB, PASSWORD. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

/**
 * Whether a name says it holds a secret. Only its last word counts: `TOKEN_TTL`, `PASSWORD_FILE`,
 * `SECRET_NAME` and `ACCESS_KEY_ID` say something about a secret without holding one.
 */
function namesSecret(name: string): boolean {
  // Most names hold none of the secret words: they are turned away before being split into words.
  if (!SECRET_WORD.test(name) || NOT_SECRETS.has(name.toUpperCase())) return false;
  const parts = words(name);
  const last = parts[parts.length - 1];
  if (last === undefined) return false;
  if (SECRET_ENDINGS.some((ending) => last.endsWith(ending))) return true;
  if (parts.length < 2) return false;
  const before = parts[parts.length - 2]!;
  return SECRET_SUFFIX_WORDS.has(last) || (last === 'KEY' && KEY_QUALIFIERS.some((qualifier) => before.endsWith(qualifier)));
}

/** Flags about a secret (`ALLOW_EMPTY_PASSWORD: yes`), not secrets. */
const FLAGS = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '1', 'enabled', 'disabled', 'none', 'null']);

/**
 * A value that tells the reader to put the secret there (`INSERT_API_KEY`, `your-token-here`).
 * A default that works as written (`changeme`, `admin`) is a secret all the same.
 */
const FILL_IN = /^(?:insert|replace|your|enter|put)[-_ ]/i;

/**
 * Whether a value is a secret written out, rather than a reference to one, a placeholder for one,
 * or something else in a secret's name: a flag, a file path (`/var/run/secrets/…`, the right way
 * to pass one), an expansion of another variable (`$(DB_PASSWORD)`, `${TOKEN}`, `$TOKEN`), a
 * template left for a renderer (`{{ .token }}`) or a reader (`<your token>`, `INSERT_TOKEN`),
 * or a mask (`****`).
 */
function isLiteralSecret(value: string): boolean {
  const text = value.trim();
  if (text === '' || FLAGS.has(text.toLowerCase())) return false;
  if (text.includes('$(') || text.includes('${') || text.includes('{{') || /^\$[A-Za-z_]\w*$/.test(text)) return false;
  if (/^<[^<>]*>$/.test(text) || /^[*xX.]+$/.test(text) || FILL_IN.test(text)) return false;
  return !/^(\/|~\/|\.\.?\/|file:\/\/)\S*$/.test(text);
}

export default createRule({
  meta: {
    id: 'secret-in-env-value',
    category: 'security',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 6.5,
    description: 'An environment variable or ConfigMap key named like a secret (PASSWORD, TOKEN, API_KEY…) holds a literal value.',
    rationale:
      'A value written in a pod template or a ConfigMap is stored in the repository and its history, shown by `kubectl describe` and `kubectl get -o yaml`, and readable by everyone with the built-in `view` role, which leaves Secrets out on purpose but includes workloads and ConfigMaps. It cannot be rotated without a new release, and every copy of the manifest (CI logs, rendered charts, backups) holds it. The rule goes by the name: its last word must be a secret (DB_PASSWORD, CLIENT_SECRET, GITHUB_TOKEN, API_KEY, AWS_SECRET_ACCESS_KEY), so PASSWORD_FILE, TOKEN_TTL and ACCESS_KEY_ID are left alone, and so are values that are no secret: flags (`yes`), file paths, `$(VAR)` and `${VAR}` expansions, `{{ }}` templates, `<placeholders>` and values that ask to be filled in (`INSERT_TOKEN`, `your-api-key`); and etcd\'s ETCD_AUTH_TOKEN and cluster tokens, which configure and identify rather than authenticate. A demo default (`admin`, `changeme`) is reported: a manifest that ships it runs with it. The value itself is never printed.',
    remediation:
      'Put the value in a Secret (or have External Secrets, Sealed Secrets or a CSI secrets driver make one) and read it with `valueFrom.secretKeyRef` or `envFrom.secretRef`, or mount it as a file; for a ConfigMap key, move the key to a Secret. Rotate the credential if the manifest was ever committed or shared. A value that only looks like a secret (a public key, a demo default) can be suppressed with the reason.',
    messages: {
      env: 'Container "{{container}}" sets {{variable}} to a literal value: whoever can read this {{kind}} or its repository has the secret. Read it from a Secret with valueFrom.secretKeyRef instead, and rotate it.',
      configMap: 'ConfigMap key "{{key}}" holds a literal value that its name says is a secret: ConfigMaps are readable by every holder of the view role. Move it to a Secret, and rotate it.',
    },
    appliesTo: [...WORKLOAD_KINDS, 'ConfigMap'],
  },
  check(resource, context) {
    if (resource.groupKind === 'ConfigMap') {
      const data = resource.object.data;
      if (!isObject(data)) return;
      for (const [key, value] of Object.entries(data)) {
        // A multi-line value is a file, whose key names the file rather than a secret.
        if (typeof value !== 'string' || value.includes('\n') || !namesSecret(key) || !isLiteralSecret(value)) continue;
        context.report({ messageId: 'configMap', data: { key }, path: ['data', key] });
      }
      return;
    }
    for (const ref of containers(resource)) {
      const env = ref.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((variable: unknown, index) => {
        if (!isObject(variable) || typeof variable.name !== 'string' || variable.valueFrom !== undefined) return;
        const value = variable.value;
        if (typeof value !== 'string' || !namesSecret(variable.name) || !isLiteralSecret(value)) return;
        context.report({ messageId: 'env', data: { container: ref.name, variable: variable.name, kind: resource.kind }, path: [...ref.path, 'env', index, 'value'] });
      });
    }
  },
});
