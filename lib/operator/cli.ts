import { Command } from 'commander';
import { fetchCrdsCommand } from './fetch-crds';

/**
 * The `cdk8s-vitess` command line. Only `fetch-crds` so far; other modules can mount their subcommands here.
 * Run from a checkout with `npx tsx lib/operator/cli.ts fetch-crds v2.17.0`.
 */
export function cdk8sVitessCli(): Command {
  return new Command('cdk8s-vitess')
    .description('Tools for cdk8s-vitess apps')
    .addCommand(fetchCrdsCommand());
}

if (require.main === module) {
  cdk8sVitessCli().parseAsync(process.argv).catch((e: Error) => {
    console.error(`cdk8s-vitess: ${e.message}`);
    process.exit(1);
  });
}
