import { describe, expect, it } from 'vitest';
import { formatMemory, formatMycnfSize, parseCpu, parseMemory, parseMycnfSize } from '../lib/quantity';
import { checkResources, renderResources } from '../lib/resources';

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
    // Kubernetes and the CRD pattern refuse surrounding whitespace, and the value is emitted as given (found by test/fuzz).
    for (const q of [' 1Gi', '1Gi ', '1Gi\n', '\t100m']) {
      expect(parseMemory(q)).toBeUndefined();
      expect(parseCpu(q)).toBeUndefined();
    }
    expect(checkResources('r', { limits: { memory: '1Gi ' } })).toEqual([expect.objectContaining({ field: 'r.limits.memory' })]);
    expect(formatMemory(2 ** 30)).toBe('1Gi');
    expect(formatMemory(384 * 2 ** 20)).toBe('384Mi');
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
