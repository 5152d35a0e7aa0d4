import { describe, expect, it } from 'vitest';
import type { ObjectPath } from '../src/core/types.js';
import { chooseDocument, compareWritten, documentStart, locateInTemplate, locateRenderedLine, scanTemplate } from '../src/render/helm-template-locator.js';

/** The template line a path lands on, as written (trimmed), with its number. */
function landing(template: string, path: ObjectPath, rendered: unknown, document = 0): { line: number; text: string; column: number; depth: number } {
  const scanned = scanTemplate(template);
  const { range, depth } = locateInTemplate(scanned, document, path, rendered);
  const text = template.split('\n')[range.line - 1]!;
  return { line: range.line, text: text.trim(), column: range.column, depth };
}

const CONTAINERS = ['spec', 'template', 'spec', 'containers'] as const;

/** A Deployment rendered with one container, the way the templates below render by default. */
function deployment(containers: unknown[], podSpec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop' },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'shop' } }, spec: { ...podSpec, containers } } },
  };
}

const BASIC = [
  'apiVersion: apps/v1', // 1
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "shop.fullname" . }}',
  '  labels:', // 5
  '    {{- include "shop.labels" . | nindent 4 }}',
  'spec:',
  '  replicas: {{ .Values.replicaCount }}',
  '  template:',
  '    metadata:', // 10
  '      labels:',
  '        {{- include "shop.selectorLabels" . | nindent 8 }}',
  '    spec:',
  '      containers:',
  '        - name: {{ include "shop.name" . }}', // 15
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '          ports:',
  '            - name: http',
  '              containerPort: 8080',
  '          livenessProbe:', // 20
  '            httpGet:',
  '              path: /healthz',
  '              port: http',
  '          resources:',
  '            {{- toYaml .Values.resources | nindent 12 }}', // 25
  '',
].join('\n');

describe('the Helm template locator', () => {
  it('puts a missing probe on the container whose name is templated (the `- name:` line)', () => {
    const rendered = deployment([{ name: 'shop', image: 'r/shop:1', ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: { httpGet: { path: '/healthz', port: 'http' } } }]);
    const found = landing(BASIC, [...CONTAINERS, 0, 'readinessProbe'], rendered);
    expect(found).toMatchObject({ line: 15, text: '- name: {{ include "shop.name" . }}', column: 9, depth: 5 });
  });

  it('stops at the `resources:` key when its content comes from toYaml', () => {
    const rendered = deployment([{ name: 'shop', resources: { requests: { memory: '256Mi' }, limits: { memory: '256Mi' } } }]);
    // The request map exists as rendered, its cpu does not: the path stops at `requests`, which the template does not write.
    expect(landing(BASIC, [...CONTAINERS, 0, 'resources', 'requests', 'cpu'], rendered)).toMatchObject({ line: 24, text: 'resources:' });
    expect(landing(BASIC, [...CONTAINERS, 0, 'resources', 'limits', 'memory'], rendered)).toMatchObject({ line: 24, text: 'resources:', depth: 6 });
  });

  it('stops at the key whose value is generated inline (`key: {{ toYaml ... }}`) and at keys filled by include', () => {
    const template = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: debug',
      '  labels:',
      '    {{- include "shop.labels" . | nindent 4 }}',
      'spec:',
      '  imagePullSecrets: {{ toYaml .Values.pullSecrets | nindent 4 }}',
      '  containers:',
      '    - name: shell',
      '      image: busybox',
    ].join('\n');
    const rendered = { kind: 'Pod', metadata: { name: 'debug', labels: { app: 'shop' } }, spec: { imagePullSecrets: [{ name: 'registry' }], containers: [{ name: 'shell', image: 'busybox' }] } };
    expect(landing(template, ['spec', 'imagePullSecrets', 0, 'name'], rendered).text).toBe('imagePullSecrets: {{ toYaml .Values.pullSecrets | nindent 4 }}');
    expect(landing(template, ['metadata', 'labels', 'app'], rendered).text).toBe('labels:');
    expect(landing(template, ['spec', 'containers', 0, 'image'], rendered)).toMatchObject({ line: 11, text: 'image: busybox', depth: 4 });
  });

  it('reads toYaml output written at column 0 with `indent N` as belonging to the key above it', () => {
    const template = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          env:',
      '          - name: MODE',
      '            value: fast',
      '{{ toYaml .Values.extraEnv | indent 10 }}',
      '          resources:',
      '{{ toYaml .Values.resources | indent 12 }}',
      '      volumes:',
      '        - name: data',
      '          emptyDir: {}',
    ].join('\n');
    const rendered = deployment([{ name: 'web', env: [{ name: 'MODE', value: 'fast' }, { name: 'EXTRA', value: 'x' }], resources: { limits: { memory: '1Gi' } } }], { volumes: [{ name: 'data', emptyDir: {} }] });
    expect(landing(template, [...CONTAINERS, 0, 'resources', 'limits', 'memory'], rendered).text).toBe('resources:');
    expect(landing(template, [...CONTAINERS, 0, 'env', 0, 'value'], rendered).text).toBe('value: fast');
    // The second variable is generated: the finding stays on `env:`, not on the written item.
    expect(landing(template, [...CONTAINERS, 0, 'env', 1, 'value'], rendered).text).toBe('env:');
    // The key after the column-0 action is still the pod's, not the container's.
    expect(landing(template, ['spec', 'template', 'spec', 'volumes', 0, 'emptyDir'], rendered).text).toBe('emptyDir: {}');
  });

  const BRANCHES = [
    'apiVersion: apps/v1', // 1
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  annotations:', // 5
    '    {{- range $key, $value := .Values.annotations }}',
    '    {{ $key }}: {{ $value | quote }}',
    '    {{- end }}',
    'spec:',
    '  {{- if not .Values.autoscaling.enabled }}', // 10
    '  replicas: {{ .Values.replicaCount }}',
    '  {{- end }}',
    '  template:',
    '    spec:',
    '      {{- with .Values.podSecurityContext }}', // 15
    '      securityContext:',
    '        {{- toYaml . | nindent 8 }}',
    '      {{- end }}',
    '      containers:',
    '        {{- if .Values.sidecar.enabled }}', // 20
    '        - name: sidecar',
    '          image: busybox:1.36',
    '        {{- end }}',
    '        - name: {{ .Chart.Name }}',
    '          {{- if .Values.securityContext }}', // 25
    '          securityContext:',
    '            {{- toYaml .Values.securityContext | nindent 12 }}',
    '          {{- else }}',
    '          securityContext:',
    '            runAsNonRoot: true', // 30
    '            readOnlyRootFilesystem: false',
    '          {{- end }}',
    '          args:',
    '            - serve',
    '            {{- range .Values.extraArgs }}', // 35
    '            - {{ . }}',
    '            {{- end }}',
    '            - --level={{ .Values.logLevel }}',
    '          {{- with .Values.readinessProbe }}',
    '          readinessProbe:', // 40
    '            {{- toYaml . | nindent 12 }}',
    '          {{- end }}',
    '',
  ].join('\n');

  it('is not confused by if/with/range blocks, and takes the branch that was rendered', () => {
    const app = { name: 'app', securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: false }, args: ['serve', '--level=info'], readinessProbe: { httpGet: { port: 8080 } } };
    const rendered = deployment([app], { securityContext: { runAsUser: 1000 } });
    expect(landing(BRANCHES, ['spec', 'replicas'], rendered)).toMatchObject({ line: 11 });
    // The sidecar is not rendered: item 0 is the chart's container, found by elimination.
    expect(landing(BRANCHES, [...CONTAINERS, 0, 'readinessProbe', 'httpGet', 'port'], rendered)).toMatchObject({ line: 40, text: 'readinessProbe:' });
    // The `else` branch wrote these values, and they are what was rendered.
    expect(landing(BRANCHES, [...CONTAINERS, 0, 'securityContext', 'readOnlyRootFilesystem'], rendered)).toMatchObject({ line: 31 });
    // An argument after a loop is matched by its written text.
    expect(landing(BRANCHES, [...CONTAINERS, 0, 'args', 1], rendered)).toMatchObject({ line: 38, text: '- --level={{ .Values.logLevel }}' });
    // The pod's security context comes from values: the pod-level key, never the container's `runAsNonRoot:`.
    expect(landing(BRANCHES, ['spec', 'template', 'spec', 'securityContext', 'runAsUser'], rendered)).toMatchObject({ line: 16, text: 'securityContext:' });
  });

  it('takes the `if` branch when its values were rendered', () => {
    const app = { name: 'app', securityContext: { privileged: true } };
    const rendered = deployment([app]);
    expect(landing(BRANCHES, [...CONTAINERS, 0, 'securityContext', 'privileged'], rendered)).toMatchObject({ line: 26, text: 'securityContext:' });
  });

  it('matches list items by name when conditional items come first', () => {
    const sidecar = { name: 'sidecar', image: 'busybox:1.36' };
    const app = { name: 'app', args: ['serve', '--debug', '--level=info'] };
    const rendered = deployment([sidecar, app]);
    expect(landing(BRANCHES, [...CONTAINERS, 0, 'image'], rendered)).toMatchObject({ line: 22 });
    expect(landing(BRANCHES, [...CONTAINERS, 1, 'resources'], rendered)).toMatchObject({ line: 24, text: '- name: {{ .Chart.Name }}' });
    // An argument the loop wrote: the loop's item is the only written one it can come from.
    expect(landing(BRANCHES, [...CONTAINERS, 1, 'args', 1], rendered)).toMatchObject({ line: 36, text: '- {{ . }}' });
    expect(landing(BRANCHES, [...CONTAINERS, 1, 'args', 2], rendered)).toMatchObject({ line: 38 });
  });

  it('never takes a templated key for the key looked for', () => {
    const rendered = { kind: 'Deployment', metadata: { name: 'app', annotations: { 'checksum/config': 'abc' } } };
    expect(landing(BRANCHES, ['metadata', 'annotations', 'checksum/config'], rendered)).toMatchObject({ line: 5, text: 'annotations:' });
  });

  it('stays at the list key when a generated item may be the one rendered', () => {
    const template = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        {{- with .Values.initFirst }}',
      '        {{- toYaml . | nindent 8 }}',
      '        {{- end }}',
      '        - name: {{ .Chart.Name }}',
      '          image: web:1',
    ].join('\n');
    const rendered = deployment([{ name: 'istio-proxy', image: 'proxy' }, { name: 'web', image: 'web:1' }]);
    expect(landing(template, [...CONTAINERS, 0, 'image'], rendered).text).toBe('containers:');
    // Item 1 is the written one only if exactly one item came before it: unknowable here, so the key again.
    expect(landing(template, [...CONTAINERS, 1, 'image'], rendered).text).toBe('containers:');
  });

  it('tells keys apart by depth: `name` of the object is not `name` of a container', () => {
    const rendered = deployment([{ name: 'shop' }]);
    expect(landing(BASIC, ['metadata', 'name'], rendered)).toMatchObject({ line: 4 });
    expect(landing(BASIC, [...CONTAINERS, 0, 'name'], rendered)).toMatchObject({ line: 15 });
    expect(landing(BASIC, ['spec', 'template', 'metadata', 'labels'], rendered)).toMatchObject({ line: 11 });
  });

  it('reads no keys inside block scalars, define blocks or comments', () => {
    const template = [
      'apiVersion: v1', // 1
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-config',
      '# spec: a comment, not a key', // 5
      'data:',
      '  app.yaml: |',
      '    spec:',
      '{{- if .Values.debug }}',
      '      replicas: 3', // 10
      '{{- end }}',
      '  other: plain',
      '{{- define "local.helper" }}',
      'spec: not here',
      '{{- end }}', // 15
    ].join('\n');
    const rendered = { kind: 'ConfigMap', metadata: { name: 'shop-config' }, data: { 'app.yaml': 'spec:\n  replicas: 3\n', other: 'plain' }, spec: 'x' };
    expect(landing(template, ['data', 'other'], rendered)).toMatchObject({ line: 12 });
    expect(landing(template, ['data', 'app.yaml'], rendered)).toMatchObject({ line: 7, text: 'app.yaml: |' });
    // `spec` is written nowhere outside the scalar, the comment and the helper: nothing of the path is found.
    const nothing = landing(template, ['spec'], rendered);
    expect(nothing).toMatchObject({ line: 1, depth: 0 });
  });

  it('places a finding about the whole object on its first written key', () => {
    const template = ['{{- if .Values.enabled }}', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '{{- end }}'].join('\n');
    expect(landing(template, [], { kind: 'Service', metadata: { name: 'web' } })).toMatchObject({ line: 2, text: 'apiVersion: v1', depth: 0 });
  });

  it('shows the `---` line of a later document when none of the path is written', () => {
    const template = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '---', '{{ include "shop.deployment" . }}'].join('\n');
    const scanned = scanTemplate(template);
    expect(scanned.documents).toHaveLength(2);
    expect(locateInTemplate(scanned, 1, ['spec', 'replicas'], { kind: 'Deployment', spec: { replicas: 1 } }).range.line).toBe(5);
    expect(documentStart(scanned, 0).line).toBe(1);
  });
});

describe('hostile templates', () => {
  it('goes down the branch that writes the path when a key is written in branch after branch at every level', () => {
    const lines: string[] = [];
    const depth = 12;
    const emit = (level: number) => {
      const pad = '  '.repeat(level);
      for (let branch = 0; branch < 6; branch++) {
        lines.push(`${pad}{{- if eq .Values.x ${branch} }}`, `${pad}k:`);
        if (level + 1 < depth) {
          if (branch === 0) emit(level + 1);
          else lines.push(`${pad}  leaf: ${branch}`);
        }
        lines.push(`${pad}{{- end }}`);
      }
    };
    emit(0);
    const path = Array.from({ length: depth }, () => 'k');
    let rendered: unknown = null;
    for (let i = 0; i < depth; i++) rendered = { k: rendered };
    const started = performance.now();
    const found = landing(lines.join('\n'), path, rendered);
    expect(performance.now() - started).toBeLessThan(2000);
    // The deepest `k:`, reached through the first branch of each level (the others stop at a leaf).
    expect(found).toMatchObject({ text: 'k:', depth, line: lines.indexOf(`${'  '.repeat(depth - 1)}k:`) + 1 });
  });

  it('reads a template with unclosed actions, many defines and stray braces without failing', () => {
    const defines = Array.from({ length: 2000 }, (_, i) => `{{- define "d${i}" }}\nspec: ${i}\n{{- end }}`).join('\n');
    const template = `${defines}\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: "}}"\n  b: {{ "}}" }}\n  c: {{ unclosed\n`;
    const scanned = scanTemplate(template);
    const rendered = { kind: 'ConfigMap', data: { a: '}}', b: '}}', c: 'x' }, spec: 1 };
    expect(locateInTemplate(scanned, 0, ['data', 'b'], rendered).range.line).toBe(6005);
    // `spec` is written only inside defines.
    expect(locateInTemplate(scanned, 0, ['spec'], rendered).depth).toBe(0);
  });
});

describe('choosing the document of a template', () => {
  const MULTI = [
    'apiVersion: v1', // 1
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}-web',
    'spec:', // 5
    '  selector:',
    '    app: web',
    '---',
    'apiVersion: v1',
    'kind: Service', // 10
    'metadata:',
    '  name: {{ .Release.Name }}-headless',
    'spec:',
    '  clusterIP: None',
    '  selector:', // 15
    '    app: web',
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:', // 20
    '  name: {{ .Release.Name }}-web',
    'spec:',
    '  serviceName: {{ .Release.Name }}-headless',
    '',
  ].join('\n');

  it('picks the document by kind, then by the literal parts of a templated name', () => {
    const scanned = scanTemplate(MULTI);
    expect(scanned.documents).toHaveLength(3);
    expect(chooseDocument(scanned, { kind: 'StatefulSet', name: 'shop-web', ordinal: 0 })).toBe(2);
    expect(chooseDocument(scanned, { kind: 'Service', name: 'shop-headless', ordinal: 1 })).toBe(1);
    expect(chooseDocument(scanned, { kind: 'Service', name: 'shop-web', ordinal: 0 })).toBe(0);
    const rendered = { kind: 'Service', metadata: { name: 'shop-headless' }, spec: { clusterIP: 'None', selector: { app: 'web' } } };
    expect(locateInTemplate(scanned, 1, ['spec', 'selector', 'app'], rendered).range.line).toBe(16);
  });

  it('falls back on the order among objects of the same kind when names say nothing', () => {
    const template = ['{{- range .Values.jobs }}', '---', 'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: {{ .name }}', '{{- end }}', '---', 'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: {{ .Values.cleanup }}'].join('\n');
    const scanned = scanTemplate(template);
    expect(chooseDocument(scanned, { kind: 'Job', name: 'nightly', ordinal: 0 })).toBe(1);
    expect(chooseDocument(scanned, { kind: 'Job', name: 'cleanup', ordinal: 1 })).toBe(2);
  });

  it('compares written values with rendered ones', () => {
    expect(compareWritten('web', 'web')).toBe('exact');
    expect(compareWritten('"{{ .Release.Name }}-web"', 'shop-web')).toBe('pattern');
    expect(compareWritten('{{ .Release.Name }}-web', 'shop-api')).toBe('mismatch');
    expect(compareWritten('{{ include "x" . }}', 'anything')).toBe('wildcard');
    expect(compareWritten('--port={{ .Values.port | default 8080 }}', '--port=9898')).toBe('pattern');
    expect(compareWritten(undefined, 'web')).toBe('unknown');
  });
});

describe('placing a finding without a path', () => {
  it('finds the rendered line written as is in the template, keeping its column', () => {
    const template = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  enabled: yes', '  mode: {{ .Values.mode }}'].join('\n');
    const scanned = scanTemplate(template);
    expect(locateRenderedLine(scanned, 0, '    enabled: yes', 14)).toEqual({ line: 6, column: 12, endLine: 6, endColumn: 15 });
    expect(locateRenderedLine(scanned, 0, '  mode: fast', 9)).toBeUndefined();
  });
});
