import rule from '../../rules/ingress-without-tls.js';
import { ruleTester } from '../rule-tester.js';
import { at, docsExample } from '../support/rule-cases.js';

const STOREFRONT_TLS = '"www.example.com", "*.shop.example.com"';

ruleTester(rule, {
  valid: [
    { name: 'tls for every host, a tls entry without hosts, TLS by ALB and GKE annotations, local-only hosts', fixture: 'valid.yaml' },
    { name: 'the documented valid example', code: docsExample(rule, 'valid') },
    {
      name: 'a wildcard rule host under the same wildcard',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: w}\nspec:\n  tls: [{hosts: ["*.example.com"], secretName: w}]\n  rules: [{host: "*.example.com"}]\n',
    },
  ],
  invalid: [
    {
      name: 'no tls at all, hosts outside the tls hosts, a default backend only (extensions)',
      fixture: 'invalid.yaml',
      errors: [
        { messageId: 'noTls', data: { ingress: 'shop', hosts: '"shop.example.com", "api.example.com"' }, ...at(7, 3, 8) },
        { messageId: 'hostNotCovered', data: { ingress: 'storefront', host: 'example.com', tlsHosts: STOREFRONT_TLS }, ...at(34, 13, 24) },
        { messageId: 'hostNotCovered', data: { ingress: 'storefront', host: 'a.b.shop.example.com', tlsHosts: STOREFRONT_TLS }, ...at(38, 13, 33) },
        { messageId: 'noTls', data: { ingress: 'legacy', hosts: 'every host' }, ...at(47, 1, 5) },
      ],
    },
    {
      name: 'the documented invalid example',
      code: docsExample(rule, 'invalid'),
      errors: [{ messageId: 'noTls', data: { ingress: 'web', hosts: '"web.example.com"' }, ...at(7, 3, 8) }],
    },
    {
      name: 'a local host beside a public one, and a rule without a host',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: mixed}\nspec:\n  rules: [{host: shop.localhost}, {host: shop.example.com}, {http: {paths: []}}]\n',
      errors: [{ messageId: 'noTls', data: { ingress: 'mixed', hosts: '"shop.localhost", "shop.example.com"' }, ...at(5, 3, 8) }],
    },
  ],
});
