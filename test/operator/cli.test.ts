import { describe, expect, it } from 'vitest';
import { cdk8sVitessCli } from '../../lib/operator/cli';

describe('cdk8s-vitess CLI', () => {
  it('mounts fetch-crds', () => {
    const cli = cdk8sVitessCli();
    expect(cli.name()).toBe('cdk8s-vitess');
    expect(cli.commands.map((c) => c.name())).toEqual(['fetch-crds']);
  });
});
