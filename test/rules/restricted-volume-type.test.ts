import rule from '../../rules/restricted-volume-type.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const inline = (volume: string, type: string, line: number, column: number) => ({ messageId: 'inline', data: { volume, type }, severity: 'info' as const, ...at(line, column, column + type.length) });

ruleTester(rule, {
  valid: [
    { name: 'every allowed source (image volumes included), a volume with no source, a hostPath, and NFS in a PersistentVolume', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'a gitRepo volume beside inline NFS, an iSCSI disk of a Pod, and a CronJob\'s flexVolume and EBS volume',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'gitRepo', data: { volume: 'site' }, severity: 'warning', ...at(21, 11, 18) },
        inline('shared', 'nfs', 25, 11),
        inline('data', 'iscsi', 42, 7),
        inline('bucket', 'flexVolume', 64, 15),
        inline('disk', 'awsElasticBlockStore', 68, 15),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [inline('shared', 'nfs', 20, 11)] },
    {
      name: 'Ceph and Azure sources of a StatefulSet, and a source set to null beside a real one',
      code: [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: s}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{name: app, image: "app:1.0.0"}]',
        '      volumes:',
        '        - {name: a, cephfs: {monitors: ["10.0.0.1:6789"]}}',
        '        - {name: b, azureFile: {secretName: azure, shareName: share}}',
        '        - {name: c, emptyDir: null, rbd: {monitors: ["10.0.0.1:6789"], image: disk}}',
        '',
      ].join('\n'),
      errors: [inline('a', 'cephfs', 9, 21), inline('b', 'azureFile', 10, 21), inline('c', 'rbd', 11, 37)],
    },
  ],
});
