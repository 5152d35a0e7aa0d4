import rule from '../../rules/container-runtime-socket.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const NO_MOUNT = 'declared, though no container mounts it yet';

const socket = (volume: string, path: string, runtime: string, access: string, line: number, column: number, width = path.length) => ({
  messageId: 'socket',
  data: { volume, path, runtime, access },
  ...at(line, column, column + width),
});

ruleTester(rule, {
  valid: [
    { name: 'CSI and other sockets, the xtables lock, container logs, and a Docker socket shared through an emptyDir', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
  ],
  invalid: [
    {
      name: 'Docker, containerd, CRI-O, k3s and Podman sockets, /var/run and a runtime directory, a socket inside a runtime directory, and a Windows named pipe',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'socket', data: { volume: 'docker-sock', path: '/var/run/docker.sock', runtime: 'Docker', access: 'mounted read-only by container "agent"' }, line: 22, column: 19, endLine: 22, endColumn: 39, severity: 'error' },
        socket('containerd', '/run/containerd/containerd.sock', 'containerd', 'mounted writable by containers "prepare", "runner"', 50, 28),
        { messageId: 'directory', data: { volume: 'run', path: '/var/run/', runtime: 'container runtime', access: 'mounted writable by container "inspector"' }, ...at(66, 15, 24) },
        { messageId: 'directory', data: { volume: 'crio', path: '/var/run/crio', runtime: 'CRI-O', access: NO_MOUNT }, ...at(70, 15, 28) },
        socket('k3s', '/run/k3s/containerd/containerd.sock', 'containerd', 'mounted writable by container "prune"', 90, 23),
        socket('docker-metrics', '/var/run/docker/metrics.sock', 'Docker', NO_MOUNT, 93, 23),
        // The quoted YAML scalar is two characters wider than its value.
        socket('docker-engine', '\\\\.\\pipe\\docker_engine', 'Docker', 'mounted writable by container "exporter"', 115, 19, 24),
        socket('podman', '/run/user/1000/podman/podman.sock', 'Podman', NO_MOUNT, 118, 19),
      ],
    },
    { name: 'the documented invalid example', code: docsExample(rule, 'invalid'), errors: [socket('docker-sock', '/var/run/docker.sock', 'Docker', 'mounted writable by container "builder"', 21, 19)] },
    {
      name: 'dockershim, cri-dockerd and the containerd ttrpc socket, and a path with dot segments',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers: [{name: app, image: "app:1.0.0"}]',
        '  volumes:',
        '    - {name: a, hostPath: {path: /var/run/dockershim.sock}}',
        '    - {name: b, hostPath: {path: /run/cri-dockerd.sock}}',
        '    - {name: c, hostPath: {path: /run/containerd/containerd.sock.ttrpc}}',
        '    - {name: d, hostPath: {path: /var/lib/../run/./containerd//}}',
        '',
      ].join('\n'),
      errors: [
        socket('a', '/var/run/dockershim.sock', 'dockershim', NO_MOUNT, 7, 34),
        socket('b', '/run/cri-dockerd.sock', 'cri-dockerd', NO_MOUNT, 8, 34),
        socket('c', '/run/containerd/containerd.sock.ttrpc', 'containerd', NO_MOUNT, 9, 34),
        { messageId: 'directory', data: { volume: 'd', path: '/var/lib/../run/./containerd//', runtime: 'containerd', access: NO_MOUNT }, ...at(10, 34, 64) },
      ],
    },
  ],
});
