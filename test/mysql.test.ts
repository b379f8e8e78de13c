import { describe, expect, it } from 'vitest';
import { MysqlPreset } from '../lib/mysql';
import { VitessRelease } from '../lib/vitess-release';

describe('MysqlPreset', () => {
  it('maps each MySQL version to its flavor key (8.4 goes under mysql80Compatible)', () => {
    expect([MysqlPreset.mysql57(), MysqlPreset.mysql80(), MysqlPreset.mysql84()].map((m) => m.flavorKey))
      .toEqual(['mysql56Compatible', 'mysql80Compatible', 'mysql80Compatible']);
  });

  it('picks the release\'s pinned lite image and bundled server version', () => {
    expect(MysqlPreset.mysql84().image(VitessRelease.V24)).toBe('vitess/lite:v24.0.0-mysql84');
    expect(MysqlPreset.mysql80().image(VitessRelease.V18)).toBe('vitess/lite:v18.0.7');
    expect(MysqlPreset.mysql57().image(VitessRelease.V18)).toBe('vitess/lite:v18.0.7-mysql57');
    expect(MysqlPreset.mysql80().image(VitessRelease.V15)).toBe('vitess/lite:v15.0.5-mysql80');
    expect(MysqlPreset.mysql80().serverVersion(VitessRelease.V24)).toBe('8.0.40-Vitess');
    expect(MysqlPreset.mysql80().serverVersion(VitessRelease.V16)).toBe('8.0.30-Vitess');
    expect(MysqlPreset.mysql80({ serverVersion: '8.0.99-Vitess' }).serverVersion(VitessRelease.V24)).toBe('8.0.99-Vitess');
  });

  it('derives innodb_buffer_pool_size from the memory limit, leaving room for MySQL itself', () => {
    const m = MysqlPreset.mysql80();
    expect(m.bufferPoolSize('1Gi')).toBe('512M'); // limit − 512Mi overhead
    expect(m.bufferPoolSize('4Gi')).toBe('2432M'); // 60 % of the limit, in 128M chunks
    expect(m.bufferPoolSize('512Mi')).toBeUndefined(); // too small to beat MySQL's own default
    expect(m.bufferPoolSize(undefined)).toBeUndefined();
    expect(MysqlPreset.mysql57().bufferPoolSize('1Gi')).toBe('512M');
    expect(MysqlPreset.mysql80({ bufferPoolSize: 'none' }).bufferPoolSize('4Gi')).toBeUndefined();
    expect(MysqlPreset.mysql80({ bufferPoolSize: '1G' }).bufferPoolSize('4Gi')).toBe('1G');
  });

  it('defaults mysqld to the sizing that stopped the seed\'s OOM kills', () => {
    expect(MysqlPreset.mysql80().resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } });
  });

  it('has a lower OOM floor for 5.7 than for 8.x', () => {
    const r = (memory: string) => ({ limits: { memory } });
    expect(MysqlPreset.mysql57().checkMemory('m', r('256Mi'))).toEqual([]);
    expect(MysqlPreset.mysql80().checkMemory('m', r('256Mi'))).toHaveLength(1);
    expect(MysqlPreset.mysql84().checkMemory('m', r('500Mi'))).toHaveLength(1);
    expect(MysqlPreset.mysql84().checkMemory('m', r('512Mi'))).toEqual([]);
  });

  it('refuses MySQL versions a release does not ship, unless an image is given', () => {
    expect(MysqlPreset.mysql84().checkRelease(VitessRelease.V22)).toHaveLength(1);
    expect(MysqlPreset.mysql84({ image: 'mysql:8.4.6' }).checkRelease(VitessRelease.V22)).toEqual([]);
    expect(MysqlPreset.mysql84().checkRelease(VitessRelease.V23)).toEqual([]);
  });

  it('refuses MySQL 5.7 from Vitess 19 on, even from a custom image: Vitess dropped it (pains §11.3)', () => {
    expect(MysqlPreset.mysql57({ image: 'percona:5.7.44' }).checkRelease(VitessRelease.V19).map((p) => p.message)).toEqual([
      'Vitess 19 dropped support for MySQL 5.7 (vitessio/vitess#14663), so operator 2.12.0 (Vitess 19) cannot run it, whatever the image',
    ]);
    expect(MysqlPreset.mysql57({ image: 'percona:5.7.44' }).checkRelease(VitessRelease.V18)).toEqual([]);
  });
});
