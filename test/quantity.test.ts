import { describe, expect, it } from 'vitest';
import { formatMemory, formatMycnfSize, parseCpu, parseMemory, parseMycnfSize } from '../lib/quantity';
import { checkResources, renderResources } from '../lib/resources';
import { readUpstreamYaml } from './support/upstream';

/** The quantity pattern of the real CRD (the first `pattern` under a resources field). */
function crdQuantityPattern(): RegExp {
  let found: string | undefined;
  const walk = (n: any): void => {
    if (found || !n || typeof n !== 'object') return;
    if (n['x-kubernetes-int-or-string'] && typeof n.pattern === 'string') found = n.pattern;
    else Object.values(n).forEach(walk);
  };
  walk(readUpstreamYaml('v2.17.0', 'planetscale.com_vitessclusters.yaml')[0]);
  return new RegExp(found!);
}

describe('quantities', () => {
  it('parses memory and CPU the way Kubernetes writes them', () => {
    expect(parseMemory('512Mi')).toBe(512 * 2 ** 20);
    expect(parseMemory('1G')).toBe(1e9);
    expect(parseMemory('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseMemory('100m')).toBeUndefined();
    expect(parseMemory('lots')).toBeUndefined();
    expect(parseCpu('100m')).toBe(100);
    expect(parseCpu('0.5')).toBe(500);
    expect(parseCpu('2Gi')).toBeUndefined();
    // The rest of the grammar the CRD pattern accepts: a sign, bare fractions, exponents, E and Ei.
    expect(parseCpu('.5')).toBe(500);
    expect(parseCpu('+1')).toBe(1000);
    expect(parseCpu('2.')).toBe(2000);
    expect(parseCpu('500000u')).toBeCloseTo(500);
    expect(parseMemory('1e9')).toBe(1e9);
    expect(parseMemory('1E3')).toBe(1000);
    expect(parseMemory('1Ei')).toBe(2 ** 60);
    expect(parseMemory('.5Gi')).toBe(2 ** 29);
    // Legal grammar but never a resource: negative values, and memory in milli/micro/nano bytes.
    for (const q of ['-1Gi', '-100m']) expect(parseMemory(q) ?? parseCpu(q)).toBeUndefined();
    for (const q of ['512m', '1u', '3n']) expect(parseMemory(q)).toBeUndefined();
    for (const q of ['1e', 'e3', '1.2.3', '1Gi2', '0x10', '']) expect(parseMemory(q)).toBeUndefined();
    // Kubernetes and the CRD pattern refuse surrounding whitespace, and the value is emitted as given (found by test/fuzz).
    for (const q of [' 1Gi', '1Gi ', '1Gi\n', '\t100m']) {
      expect(parseMemory(q)).toBeUndefined();
      expect(parseCpu(q)).toBeUndefined();
    }
    expect(checkResources('r', { limits: { memory: '1Gi ' } })).toEqual([expect.objectContaining({ field: 'r.limits.memory' })]);
    expect(formatMemory(2 ** 30)).toBe('1Gi');
    expect(formatMemory(384 * 2 ** 20)).toBe('384Mi');
  });

  it('accepts exactly what the CRD quantity pattern accepts, minus negatives and sub-byte memory', () => {
    const pattern = crdQuantityPattern();
    const samples = ['1', '0', '1.5', '.5', '5.', '+2', '-1', '100m', '1n', '1u', '1k', '1K', '1Ki', '1Ei', '1E', '1e3', '1E-2', '1e+3', '2.5e.5',
      '1Gi', '1gi', '1GB', '1 Gi', '', '.', 'e3', '1e', '1.2.3', 'Infinity', '0x10'];
    for (const q of samples) {
      const crd = pattern.test(q);
      const ours = parseMemory(q) !== undefined || parseCpu(q) !== undefined;
      const deliberate = q.startsWith('-');
      expect(ours, q).toBe(crd && !deliberate);
    }
  });

  it('renders only what is set', () => {
    expect(renderResources({ requests: { cpu: '1' } })).toEqual({ requests: { cpu: '1' } });
    expect(renderResources(undefined)).toBeUndefined();
  });

  it('compares requests to limits across units', () => {
    expect(checkResources('r', { requests: { memory: '1Gi' }, limits: { memory: '1024Mi' } })).toEqual([]);
    expect(checkResources('r', { requests: { cpu: '2' }, limits: { cpu: '1500m' } })[0]).toMatchObject({ field: 'r.requests.cpu' });
  });
});

describe('my.cnf sizes', () => {
  it('are binary K/M/G without the i', () => {
    expect(parseMycnfSize('512M')).toBe(512 * 2 ** 20);
    expect(parseMycnfSize('2g')).toBe(2 * 2 ** 30);
    expect(parseMycnfSize('1048576')).toBe(2 ** 20);
    expect(parseMycnfSize('1Gi')).toBeUndefined();
    expect(formatMycnfSize(2432 * 2 ** 20)).toBe('2432M');
  });
});
