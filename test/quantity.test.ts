import { describe, expect, it } from 'vitest';
import { formatDecimal, parseQuantity, parseQuantityParts } from '../src/model/quantity.js';

const Ki = 1024;
const Mi = Ki * 1024;
const Gi = Mi * 1024;

describe('parseQuantity', () => {
  const valid: [unknown, number][] = [
    // plain numbers, as strings and as YAML numbers
    ['0', 0],
    ['1', 1],
    ['250', 250],
    [2, 2],
    [0.5, 0.5],
    [1e9, 1e9],
    // every decimal form of the number
    ['.5', 0.5],
    ['1.', 1],
    ['1.5', 1.5],
    ['007', 7],
    // signs
    ['+1', 1],
    ['-1', -1],
    ['-.5', -0.5],
    [-2, -2],
    // decimal SI
    ['100n', 1e-7],
    ['100u', 1e-4],
    ['100m', 0.1],
    ['1500m', 1.5],
    ['1k', 1000],
    ['1M', 1e6],
    ['2G', 2e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1.5G', 1.5e9],
    ['1.M', 1e6],
    // binary SI
    ['1Ki', Ki],
    ['512Mi', 512 * Mi],
    ['1.5Gi', 1.5 * Gi],
    ['.5Gi', 512 * Mi],
    ['1Ti', 1024 * Gi],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    // decimal exponents
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-1', 0.5],
    ['1E-2', 0.01],
    ['2e+3', 2000],
    ['1.5e3', 1500],
    ['12e0', 12],
    // the API server trims surrounding whitespace
    [' 1Gi ', Gi],
  ];

  it.each(valid)('parses %j as %d', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  const invalid: unknown[] = [
    '512MB',
    '1 Gi',
    '2gb',
    '100mi',
    '1K',
    '1KiB',
    '1gi',
    'Mi',
    'm',
    '',
    ' ',
    '.',
    '-',
    '+-1',
    '1..5',
    '1.5.2',
    '1,5',
    '0x10',
    '1e',
    '1e1.5',
    '1ee3',
    '1Mi3',
    '1e3Mi',
    '½',
    '１',
    '100m cpu',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    null,
    undefined,
    { cpu: 1 },
    ['1'],
  ];

  it.each(invalid)('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('makes equal quantities compare equal whatever their form', () => {
    expect(parseQuantity('100m')).toBe(parseQuantity('0.1'));
    expect(parseQuantity('1Gi')).toBe(parseQuantity('1024Mi'));
    expect(parseQuantity('1.1')).toBe(parseQuantity('1100m'));
    expect(parseQuantity('1k')).toBe(parseQuantity('1e3'));
  });
});

describe('parseQuantityParts', () => {
  it.each([
    ['512m', { value: 0.512, number: '512', suffix: 'm' }],
    ['-1.Mi', { value: -Mi, number: '1', suffix: 'Mi' }],
    ['.5', { value: 0.5, number: '0.5', suffix: '' }],
    ['1E3', { value: 1000, number: '1', suffix: 'E3' }],
    ['1E', { value: 1e18, number: '1', suffix: 'E' }],
  ] as const)('splits %j', (input, expected) => {
    expect(parseQuantityParts(input)).toEqual(expected);
  });

  it('reads YAML numbers as plain values', () => {
    expect(parseQuantityParts(512)).toEqual({ value: 512, number: '512', suffix: '' });
    expect(parseQuantityParts(-0.25)).toEqual({ value: -0.25, number: '0.25', suffix: '' });
    expect(parseQuantityParts(1e21)).toEqual({ value: 1e21, number: '1000000000000000000000', suffix: '' });
  });
});

describe('formatDecimal', () => {
  it('never uses exponent notation', () => {
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(2.5e21)).toBe('2500000000000000000000');
    expect(formatDecimal(0.512)).toBe('0.512');
  });
});
