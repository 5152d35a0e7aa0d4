import { describe, expect, it } from 'vitest';
import { parseImageReference, readImageReference, splitImageReference } from '../src/model/image.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27.0', { repository: 'nginx', tag: '1.27.0' }],
    ['nginx:latest', { repository: 'nginx', tag: 'latest' }],
    ['library/nginx:1.27', { repository: 'library/nginx', tag: '1.27' }],
    ['team/app', { repository: 'team/app' }],
    ['registry.example/team/app:2.0', { registry: 'registry.example', repository: 'team/app', tag: '2.0' }],
    ['registry:5000/app', { registry: 'registry:5000', repository: 'app' }],
    ['registry:5000/app:1.2', { registry: 'registry:5000', repository: 'app', tag: '1.2' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/team/app:v3', { registry: 'localhost:5000', repository: 'team/app', tag: 'v3' }],
    ['10.0.0.7:5000/app:1', { registry: '10.0.0.7:5000', repository: 'app', tag: '1' }],
    ['[fd00::7]:5000/app:1', { registry: '[fd00::7]:5000', repository: 'app', tag: '1' }],
    ['Registry/app', { registry: 'Registry', repository: 'app' }],
    [`app@${DIGEST}`, { repository: 'app', digest: DIGEST }],
    [`app:1.2@${DIGEST}`, { repository: 'app', tag: '1.2', digest: DIGEST }],
    [`registry:5000/app@${DIGEST}`, { registry: 'registry:5000', repository: 'app', digest: DIGEST }],
    [`ghcr.io/o/app:latest@${DIGEST}`, { registry: 'ghcr.io', repository: 'o/app', tag: 'latest', digest: DIGEST }],
    ['my_app__x-y--z.w:UPPER_ok-1.0', { repository: 'my_app__x-y--z.w', tag: 'UPPER_ok-1.0' }],
    // A lone host:port with no path is a repository named after the host, tagged with the port.
    ['localhost:5000', { repository: 'localhost', tag: '5000' }],
  ])('parses %s', (text, expected) => {
    expect(parseImageReference(text)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    [' nginx', 'leading whitespace'],
    ['nginx:', 'empty tag'],
    ['nginx:-1', 'tag starting with a dash'],
    [`nginx:${'t'.repeat(129)}`, 'tag longer than 128 characters'],
    ['nginx@sha256:abc', 'digest too short'],
    ['nginx@', 'empty digest'],
    [`nginx@${DIGEST}@${DIGEST}`, 'two digests'],
    ['Nginx:1.0', 'uppercase repository'],
    ['team//app', 'empty path component'],
    ['/app', 'leading slash'],
    ['app/', 'trailing slash'],
    ['team/-app', 'component starting with a separator'],
    ['registry.example/', 'registry without repository'],
    ['bad_host.example/app', 'underscore in a registry host'],
    ['registry.example:port/app', 'non-numeric port'],
    ['{{ .Values.image }}', 'unrendered template'],
    [`r.example/${'a'.repeat(250)}`, 'name longer than 255 characters'],
    [`nginx@sha256:${'a1'.repeat(20)}`, 'sha256 digest of 40 hex digits (a git commit)'],
    [`nginx@sha256:${'A1'.repeat(32)}`, 'uppercase hex in a sha256 digest'],
    [`nginx@md5:${'a1'.repeat(16)}`, 'digest algorithm the runtimes do not know'],
    ['a1'.repeat(32), 'an image ID'],
    ['https://registry.example/app:1.0', 'URL scheme'],
  ])('rejects %s (%s)', (text) => {
    expect(parseImageReference(text)).toBeUndefined();
  });
});

describe('readImageReference', () => {
  it.each([
    ['', { kind: 'emptyPart' }],
    ['  ', { kind: 'emptyPart' }],
    [':1.0', { kind: 'emptyPart' }],
    ['app:', { kind: 'emptyPart' }],
    ['app@', { kind: 'emptyPart' }],
    ['team//app', { kind: 'emptyPart' }],
    [' registry.example/', { kind: 'emptyPart' }],
    ['nginx:1.25 ', { kind: 'whitespace' }],
    ['nginx 1.25', { kind: 'whitespace' }],
    ['https://registry.example/team/app:1.0', { kind: 'scheme', scheme: 'https', rest: 'registry.example/team/app:1.0' }],
    ['docker://nginx', { kind: 'scheme', scheme: 'docker', rest: 'nginx' }],
    ['a1'.repeat(32), { kind: 'imageId' }],
    ['nginx@latest', { kind: 'digest', digest: 'latest' }],
    ['nginx:1.25@sha256:abc', { kind: 'digest', digest: 'sha256:abc' }],
    [`nginx@${DIGEST}@${DIGEST}`, { kind: 'digest', digest: `${DIGEST}@${DIGEST}` }],
    ['app:1.0+build.7', { kind: 'tag', tag: '1.0+build.7' }],
    ['app:.hidden', { kind: 'tag', tag: '.hidden' }],
    [`r.example/${'a'.repeat(250)}`, { kind: 'nameLength', length: 260 }],
    ['bad_host.example/app', { kind: 'registry', registry: 'bad_host.example' }],
    ['Nginx:1.0', { kind: 'uppercase', path: 'Nginx' }],
    ['ghcr.io/acme/MyApp:2.0', { kind: 'uppercase', path: 'acme/MyApp' }],
    ['team/app!', { kind: 'path', path: 'team/app!' }],
    ['app.', { kind: 'path', path: 'app.' }],
    ['Team/App_', { kind: 'path', path: 'App_' }],
  ])('finds what is wrong with %s', (text, problem) => {
    expect(readImageReference(text)).toEqual({ problem });
  });

  it('reads a valid reference as parseImageReference does', () => {
    expect(readImageReference(`ghcr.io/o/app:1.0@${DIGEST}`)).toEqual({ reference: parseImageReference(`ghcr.io/o/app:1.0@${DIGEST}`) });
    expect(readImageReference(`app@sha512:${'0f'.repeat(64)}`)).toEqual({ reference: { repository: 'app', digest: `sha512:${'0f'.repeat(64)}` } });
  });
});

describe('splitImageReference', () => {
  it.each([
    ['REGION-docker.pkg.dev/PROJECT_ID/app:latest', { name: 'REGION-docker.pkg.dev/PROJECT_ID/app', tag: 'latest' }],
    ['$REGISTRY:5000/app', { name: '$REGISTRY:5000/app' }],
    [`<registry>/app:1.0@${DIGEST}`, { name: '<registry>/app', tag: '1.0', digest: DIGEST }],
    ['$IMAGE', { name: '$IMAGE' }],
  ])('splits %s without validating it', (text, expected) => {
    expect(splitImageReference(text)).toEqual(expected);
  });
});
