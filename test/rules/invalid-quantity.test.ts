import rule from '../../rules/invalid-quantity.js';
import { ruleTester } from '../rule-tester.js';

const unparsable = (container: string, field: string, value: string, fix: string, line: number, column: number, endColumn: number) => ({ messageId: 'unparsable', data: { container, field, value, fix }, line, column, endLine: line, endColumn });
const milliBytes = (container: string, field: string, value: string, bytes: string, suggestion: string, line: number, column: number, endColumn: number) => ({ messageId: 'milliBytes', data: { container, field, value, bytes, suggestion }, line, column, endLine: line, endColumn });
const bytesWithoutUnit = (container: string, field: string, value: string, bytes: string, suggestion: string, line: number, column: number, endColumn: number) => ({ messageId: 'bytesWithoutUnit', data: { container, field, value, bytes, suggestion }, line, column, endLine: line, endColumn });
const cpuWithoutUnit = (container: string, field: string, value: string, cores: string, suggestion: string, line: number, column: number, endColumn: number) => ({ messageId: 'cpuWithoutUnit', data: { container, field, value, cores, suggestion }, line, column, endLine: line, endColumn });
const cpuBelowMilli = (container: string, field: string, value: string, cores: string, suggestion: string, line: number, column: number, endColumn: number) => ({ messageId: 'cpuBelowMilli', data: { container, field, value, cores, suggestion }, line, column, endLine: line, endColumn });
const negative = (container: string, field: string, value: string, line: number, column: number, endColumn: number) => ({ messageId: 'negative', data: { container, field, value }, line, column, endLine: line, endColumn });
const fractionBytes = (container: string, field: string, value: string, bytes: string, suffix: string, suggestion: string, line: number, column: number, endColumn: number) => ({ messageId: 'fractionBytes', data: { container, field, value, bytes, suffix, suggestion }, line, column, endLine: line, endColumn });
const cpuByteUnit = (container: string, field: string, value: string, cores: string, suffix: string, millicores: string, plain: string, line: number, column: number, endColumn: number) => ({ messageId: 'cpuByteUnit', data: { container, field, value, cores, suffix, millicores, plain }, line, column, endLine: line, endColumn });
// The rule passes every finding the value as written; for an empty one that is always null, which this message does not show.
const empty = (container: string, field: string, example: string, line: number, column: number, endColumn: number) => ({ messageId: 'empty', data: { container, field, value: 'null', example }, line, column, endLine: line, endColumn });

ruleTester(rule, {
  valid: [
    { name: 'every suffix form, plain bytes, 64 plain cores, many cores with memory to match, hugepages, GPU, zero', fixture: 'valid.yaml' },
    {
      name: 'surrounding whitespace, which the API server trims',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {cpu: " 100m ", memory: "256Mi "}\n',
    },
    {
      name: 'ephemeral containers are not checked: the API forbids their resources outright',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n  ephemeralContainers:\n    - name: debugger\n      image: busybox:1.36\n      resources: {limits: {memory: 512m}}\n',
    },
  ],
  invalid: [
    {
      name: 'every kind of mistake across workload kinds, flow style, quoted values, init and multiple containers',
      fixture: 'invalid.yaml',
      errors: [
        cpuWithoutUnit('api', 'requests.cpu', '500', '500', '500m', 17, 20, 23),
        milliBytes('api', 'requests.memory', '"512m"', '0.512 bytes', '512Mi', 18, 23, 27),
        unparsable('api', 'limits.memory', '"512MB"', '"512Mi"', 20, 23, 30),
        cpuBelowMilli('exporter', 'requests.cpu', '"100u"', '0.0001', '100m', 25, 20, 24),
        bytesWithoutUnit('exporter', 'requests.memory', '512', '512 bytes', '512Mi', 26, 23, 26),
        cpuBelowMilli('postgres', 'requests.cpu', '0.0005', '0.0005', '500m', 43, 39, 45),
        unparsable('postgres', 'requests.memory', '"1 Gi"', '"1Gi"', 43, 55, 61),
        unparsable('postgres', 'limits.memory', '"2gb"', '"2Gi"', 43, 81, 84),
        milliBytes('fetch', 'limits.memory', '"256m"', '0.256 bytes', '256Mi', 58, 23, 29),
        milliBytes('fetch', 'limits.ephemeral-storage', '"100m"', '0.1 bytes', '100Mi', 59, 34, 38),
        unparsable('import', 'requests.cpu', '"2 cores"', '"2"', 65, 20, 27),
        bytesWithoutUnit('import', 'requests.memory', '1.5', '1.5 bytes', '1.5Gi', 66, 23, 26),
        unparsable('import', 'limits.memory', '"lots"', 'a number with an optional unit, such as "512Mi"', 68, 23, 27),
        negative('report', 'requests.cpu', '"-100m"', 86, 24, 29),
        empty('report', 'limits.memory', '512Mi', 88, 19, 25),
      ],
    },
    {
      name: 'Argo Rollout: cores for millicores just over the threshold, lowercase units, storage without a unit',
      code: [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Rollout',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: web:1.0.0',
        '          resources:',
        '            requests: {cpu: "65", memory: 100mi, ephemeral-storage: 10}',
        '            limits: {cpu: 500 m, memory: "", hugepages-2Mi: 1000m, example.com/widget: two}',
        '',
      ].join('\n'),
      errors: [
        cpuWithoutUnit('web', 'requests.cpu', '"65"', '65', '65m', 11, 29, 33),
        unparsable('web', 'requests.memory', '"100mi"', '"100Mi"', 11, 43, 48),
        bytesWithoutUnit('web', 'requests.ephemeral-storage', '10', '10 bytes', '10Gi', 11, 69, 71),
        unparsable('web', 'limits.cpu', '"500 m"', '"500m"', 12, 27, 32),
        unparsable('web', 'limits.memory', '""', 'a number with an optional unit, such as "512Mi"', 12, 42, 44),
        milliBytes('web', 'limits.hugepages-2Mi', '"1000m"', '1 byte', '1000Mi', 12, 61, 66),
        unparsable('web', 'limits.example.com/widget', '"two"', 'a number with an optional unit, such as "1"', 12, 88, 91),
      ],
    },
    {
      name: 'byte units on CPU and CPU fractions on memory, swapped values, an init container',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - name: warm',
        '          image: warm:1.0.0',
        '          resources: {requests: {memory: 500u, cpu: 1k}, limits: {ephemeral-storage: "2e-3"}}',
        '      containers:',
        '        - name: web',
        '          image: web:1.0.0',
        '          resources:',
        '            requests: {cpu: 64Mi, memory: 250m}',
        '            limits: {cpu: "2Gi", memory: 256n}',
        '',
      ].join('\n'),
      errors: [
        fractionBytes('warm', 'requests.memory', '"500u"', '0.0005 bytes', 'u', '500Mi', 10, 42, 46),
        cpuByteUnit('warm', 'requests.cpu', '"1k"', '1000', 'k', '1m', '1', 10, 53, 55),
        fractionBytes('warm', 'limits.ephemeral-storage', '"2e-3"', '0.002 bytes', 'e-3', '2Mi', 10, 86, 92),
        cpuByteUnit('web', 'requests.cpu', '"64Mi"', '67108864', 'Mi', '64m', '64', 15, 29, 33),
        milliBytes('web', 'requests.memory', '"250m"', '0.25 bytes', '250Mi', 15, 43, 47),
        cpuByteUnit('web', 'limits.cpu', '"2Gi"', '2147483648', 'Gi', '2m', '2', 16, 27, 32),
        fractionBytes('web', 'limits.memory', '"256n"', '0.000000256 bytes', 'n', '256Mi', 16, 42, 46),
      ],
    },
    {
      name: 'many plain cores with too little memory for that many',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {cpu: 100, memory: 8Gi}\n',
      errors: [cpuWithoutUnit('app', 'requests.cpu', '100', '100', '100m', 9, 25, 28)],
    },
  ],
});
