import { chmodSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { fetchCrdsCommand } from '../operator/fetch-crds';
import { kindsOf } from '../ops/change-kinds';
import { diffClusters, formatDiff, isAllowed, parseAllows } from '../ops/diff';
import { checkPodName, drainScript, looksLikeTabletPod, runDrain } from '../ops/drain';
import { findClusters, InputError, loadClusters, loadManifests } from '../ops/manifests';
import { parseBudgets, planClusters } from '../ops/plan';
import { formatPlan } from '../ops/plan-report';
import { portForwardScript } from '../ops/port-forward';
import { VitessRelease } from '../vitess-release';

/**
 * The `cdk8s-vitess` command line: thin commander wrappers over lib/ops, which hold the logic and are exported
 * for use in code. Exit codes: 0 fine; 1 a check failed (destructive change not allowed, cell over budget,
 * kubectl failed); 2 bad input or usage.
 */

/** Where the CLI writes; tests pass collectors. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const STD_IO: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

const collect = (v: string, prev: string[]) => [...prev, v];

const EXIT_CODES = `
Exit codes: 0 fine, 1 the check failed, 2 bad input or usage.`;

/** Builds a fresh program; `exit.code` receives the command's verdict. */
export function buildProgram(io: Io, exit: { code: number }): Command {
  const program = new Command('cdk8s-vitess')
    .description('Operations toolkit for Vitess clusters synthesized with cdk8s-vitess: plan, diff, port-forward, drain, fetch-crds')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  program.command('plan')
    .summary('pods, containers, resources and PVCs the operator will create, per cell')
    .description('What the operator will create for each VitessCluster: pods per cell and component, their containers with CPU/memory '
      + 'requests and limits (operator defaults where the spec is empty), PVCs, totals per cell, and the pod list of a healthy cluster')
    .argument('[dist]', 'synthesized manifests: a YAML file or a folder of them', 'dist')
    .option('--cluster <name>', 'only this VitessCluster')
    .option('--release <version>', 'operator release whose defaults apply, e.g. 2.17 or 24', VitessRelease.LATEST.operatorMinor)
    .option('--node-budget <budget>', 'CPU,memory a cell can give to pods, e.g. 4,16Gi (every cell) or az1=4,16Gi (one cell); repeatable', collect, [])
    .option('--json', 'print the plan as JSON')
    .addHelpText('after', `
A cell whose pods request more than its --node-budget leaves pods Pending: plan says so and exits 1.${EXIT_CODES}
Example: cdk8s-vitess plan dist --node-budget 4,16Gi`)
    .action((dist: string, o: { cluster?: string; release: string; nodeBudget: string[]; json?: boolean }) => {
      const plans = planClusters(loadClusters(dist, o.cluster), { release: release(o.release), budgets: o.nodeBudget.length ? parseBudgets(o.nodeBudget) : undefined });
      io.out(o.json ? `${JSON.stringify(plans, null, 2)}\n` : plans.map(formatPlan).join('\n'));
      if (plans.some((p) => p.budget.length > 0)) exit.code = 1;
    });

  program.command('diff')
    .summary('classify changes between two syntheses; fail on destructive ones')
    .description('Compare two syntheses and classify every VitessCluster change as destructive, risky or safe; '
      + 'fails on destructive changes unless each is allowed')
    .argument('<old>', 'the synthesis that is applied now (file or folder)')
    .argument('<new>', 'the synthesis you are about to apply (file or folder)')
    .option('--allow <kind[:path]>', 'allow destructive changes of this kind, optionally only under <cluster>/<path>; repeatable', collect, [])
    .option('--allow-destructive', 'allow every destructive change (still listed)')
    .option('--json', 'print the changes as JSON')
    .addHelpText('after', `
Destructive: ${kindsOf('destructive').join(', ')}.
Risky: ${kindsOf('risky').join(', ')}.
Safe: ${kindsOf('safe').join(', ')}.
Paths name list items by key: keyspaces[commerce].shards[-80].tabletPools[replica@zone1].replicas
Example: cdk8s-vitess diff old-dist dist --allow 'replicas-decrease:example/keyspaces[commerce]'${EXIT_CODES}`)
    .action((oldPath: string, newPath: string, o: { allow: string[]; allowDestructive?: boolean; json?: boolean }) => {
      const allows = parseAllows(o.allow);
      // One side may hold no VitessCluster (all removed, or all new); both empty means wrong paths.
      const [before, after] = [findClusters(loadManifests(oldPath)), findClusters(loadManifests(newPath))];
      if (before.length + after.length === 0) throw new InputError(`${oldPath}, ${newPath}: no VitessCluster (planetscale.com/v2) on either side. Pass the synthesized cluster manifests`);
      const changes = diffClusters(before, after);
      const blocked = o.allowDestructive ? [] : changes.filter((c) => c.severity === 'destructive' && !isAllowed(c, allows));
      io.out(o.json ? `${JSON.stringify({ changes, blocked }, null, 2)}\n` : formatDiff(changes, blocked));
      if (blocked.length) exit.code = 1;
    });

  program.command('port-forward')
    .summary('script that port-forwards vtctld, vtgate and vtadmin')
    .description('Print (or write) a bash script that port-forwards vtctld (15000, 15999), vtgate (local 15306 → 3306) and vtadmin '
      + '(14000, 14001) when deployed, finding the Services by the cluster\'s labels')
    .argument('[dist]', 'synthesized manifests: a YAML file or a folder of them', 'dist')
    .option('--cluster <name>', 'the VitessCluster (needed when there are several)')
    .option('-n, --namespace <namespace>', 'namespace of the cluster (default: the manifest\'s, else kubectl\'s current one)')
    .option('-o, --out <file>', 'write the script to this file (executable) instead of printing it')
    .addHelpText('after', `${EXIT_CODES}\nExample: cdk8s-vitess port-forward dist -o pf.sh && ./pf.sh`)
    .action((dist: string, o: { cluster?: string; namespace?: string; out?: string }) => {
      const clusters = loadClusters(dist, o.cluster);
      if (clusters.length > 1) {
        throw new InputError(`${dist}: ${clusters.length} VitessClusters (${clusters.map((c) => c.name).join(', ')}): pick one with --cluster`);
      }
      const script = portForwardScript(clusters[0], o.namespace);
      if (!o.out) return io.out(script);
      writeFileSync(o.out, script);
      chmodSync(o.out, 0o755);
      io.out(`wrote ${o.out}\n`);
    });

  program.command('drain')
    .summary('planned failover of a tablet pod via drain.planetscale.com/started')
    .description('Planned failover: annotate a tablet pod with drain.planetscale.com/started so the operator moves the primary away '
      + '(and later clear it). Prints the kubectl commands, or runs them with --execute')
    .argument('<pod>', 'the vttablet pod, e.g. example-vttablet-zone1-2469782763-bfadd780')
    .option('-n, --namespace <namespace>', 'namespace of the pod (default: kubectl\'s current one)')
    .option('--reason <text>', 'annotation value (only its presence counts)', 'planned failover')
    .option('--clear', 'remove the annotation: after the failover, or to abort the drain')
    .option('--execute', 'run the annotate command through kubectl instead of printing')
    .option('--kubectl <path>', 'kubectl binary for --execute', 'kubectl')
    .addHelpText('after', `${EXIT_CODES}\nExample: cdk8s-vitess drain example-vttablet-zone1-2469782763-bfadd780 -n example --execute`)
    .action((pod: string, o: { namespace?: string; reason: string; clear?: boolean; execute?: boolean; kubectl: string }) => {
      const opts = { pod, namespace: o.namespace, reason: o.reason, clear: o.clear };
      checkPodName(pod);
      if (!looksLikeTabletPod(pod)) io.err(`warning: ${pod} does not look like a vttablet pod (<cluster>-vttablet-<cell>-<uid>-<hash>); only tablet pods drain\n`);
      io.out(o.execute ? runDrain(opts, o.kubectl) : drainScript(opts));
    });

  const fetch = fetchCrdsCommand({ log: (line) => io.out(`${line}\n`) });
  fetch.copyInheritedSettings(program);
  fetch.summary('download and verify upstream CRD files into the cache');
  program.addCommand(fetch);
  return program;
}

function release(v: string): VitessRelease {
  try {
    return VitessRelease.of(v);
  } catch (e) {
    throw new InputError(`--release: ${(e as Error).message}`);
  }
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws for bad input. */
export async function run(argv: readonly string[], io: Io = STD_IO): Promise<number> {
  const exit = { code: 0 };
  try {
    await buildProgram(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; commander's own usage errors are bad input; cmd.error() from a command is a failure.
      if (e.exitCode === 0) return 0;
      return e.code === 'commander.error' ? 1 : 2;
    }
    if (e instanceof InputError) {
      io.err(`cdk8s-vitess: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** Entry point for bin/cdk8s-vitess.js. */
export function main(): void {
  // `cdk8s-vitess plan | head` closes stdout early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
  run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: Error) => {
    process.stderr.write(`cdk8s-vitess: unexpected error, please report it: ${e.stack ?? e.message}\n`);
    process.exitCode = 70;
  });
}
