import rule from '../../rules/invalid-quantity.js';
import { ruleTester } from '../rule-tester.js';

const sets = (container: string, field: string, value: string) => `Container "${container}" sets ${field} to ${value}`;
const unparsable = (container: string, field: string, value: string, fix: string) =>
  `${sets(container, field, value)}, which is not a Kubernetes quantity, so the API server rejects the pod. Write it as ${fix}.`;
const milliBytes = (container: string, field: string, value: string, bytes: string, suggestion: string) =>
  `${sets(container, field, value)}, which is ${bytes}: the "m" suffix means milli, not mega. Write "${suggestion}" for mebibytes.`;
const bytesWithoutUnit = (container: string, field: string, value: string, bytes: string, suggestion: string) =>
  `${sets(container, field, value)} with no unit, which means only ${bytes}. Add the unit, for example "${suggestion}".`;
const cpuWithoutUnit = (container: string, field: string, value: string, cores: string) =>
  `${sets(container, field, value)} with no unit, which means ${cores} whole CPU cores, not millicores. Write "${cores}m" for ${cores} millicores.`;
const cpuBelowMilli = (container: string, field: string, value: string, cores: string, suggestion: string) =>
  `${sets(container, field, value)}, which is ${cores} of a core, below 1m, the smallest CPU amount Kubernetes allocates (it is rounded up to 1m). Write "${suggestion}" if you meant millicores.`;
const negative = (container: string, field: string, value: string) =>
  `${sets(container, field, value)}, a negative quantity, which the API server rejects. Use a quantity of 0 or more.`;
const empty = (container: string, field: string, example: string) =>
  `${sets(container, field, 'nothing')} (a template value that rendered empty?), so it sets no usable quantity. Give it a value such as "${example}" or remove the key.`;

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
        { message: cpuWithoutUnit('api', 'requests.cpu', '500', '500'), line: 17, column: 20, endLine: 17, endColumn: 23 },
        { message: milliBytes('api', 'requests.memory', '"512m"', '0.512 bytes', '512Mi'), line: 18, column: 23, endLine: 18, endColumn: 27 },
        { message: unparsable('api', 'limits.memory', '"512MB"', '"512Mi"'), line: 20, column: 23, endLine: 20, endColumn: 30 },
        { message: cpuBelowMilli('exporter', 'requests.cpu', '"100u"', '0.0001', '100m'), line: 25, column: 20, endLine: 25, endColumn: 24 },
        { message: bytesWithoutUnit('exporter', 'requests.memory', '512', '512 bytes', '512Mi'), line: 26, column: 23, endLine: 26, endColumn: 26 },
        { message: cpuBelowMilli('postgres', 'requests.cpu', '0.0005', '0.0005', '500m'), line: 43, column: 39, endLine: 43, endColumn: 45 },
        { message: unparsable('postgres', 'requests.memory', '"1 Gi"', '"1Gi"'), line: 43, column: 55, endLine: 43, endColumn: 61 },
        { message: unparsable('postgres', 'limits.memory', '"2gb"', '"2Gi"'), line: 43, column: 81, endLine: 43, endColumn: 84 },
        { message: milliBytes('fetch', 'limits.memory', '"256m"', '0.256 bytes', '256Mi'), line: 58, column: 23, endLine: 58, endColumn: 29 },
        { message: milliBytes('fetch', 'limits.ephemeral-storage', '"100m"', '0.1 bytes', '100Mi'), line: 59, column: 34, endLine: 59, endColumn: 38 },
        { message: unparsable('import', 'requests.cpu', '"2 cores"', '"2"'), line: 65, column: 20, endLine: 65, endColumn: 27 },
        { message: bytesWithoutUnit('import', 'requests.memory', '1.5', '1.5 bytes', '1.5Gi'), line: 66, column: 23, endLine: 66, endColumn: 26 },
        { message: unparsable('import', 'limits.memory', '"lots"', 'a number with an optional unit, such as "512Mi"'), line: 68, column: 23, endLine: 68, endColumn: 27 },
        { message: negative('report', 'requests.cpu', '"-100m"'), line: 86, column: 24, endLine: 86, endColumn: 29 },
        { message: empty('report', 'limits.memory', '512Mi'), line: 88, column: 19, endLine: 88, endColumn: 25 },
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
        { message: cpuWithoutUnit('web', 'requests.cpu', '"65"', '65'), line: 11, column: 29, endLine: 11, endColumn: 33 },
        { message: unparsable('web', 'requests.memory', '"100mi"', '"100Mi"'), line: 11, column: 43, endLine: 11, endColumn: 48 },
        { message: bytesWithoutUnit('web', 'requests.ephemeral-storage', '10', '10 bytes', '10Gi'), line: 11, column: 69, endLine: 11, endColumn: 71 },
        { message: unparsable('web', 'limits.cpu', '"500 m"', '"500m"'), line: 12, column: 27, endLine: 12, endColumn: 32 },
        { message: unparsable('web', 'limits.memory', '""', 'a number with an optional unit, such as "512Mi"'), line: 12, column: 42, endLine: 12, endColumn: 44 },
        { message: milliBytes('web', 'limits.hugepages-2Mi', '"1000m"', '1 byte', '1000Mi'), line: 12, column: 61, endLine: 12, endColumn: 66 },
        { message: unparsable('web', 'limits.example.com/widget', '"two"', 'a number with an optional unit, such as "1"'), line: 12, column: 88, endLine: 12, endColumn: 91 },
      ],
    },
    {
      name: 'many plain cores with too little memory for that many',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources:\n        requests: {cpu: 100, memory: 8Gi}\n',
      errors: [{ message: cpuWithoutUnit('app', 'requests.cpu', '100', '100'), line: 9, column: 25, endLine: 9, endColumn: 28 }],
    },
  ],
});
