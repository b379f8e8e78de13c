import { join } from 'node:path';
import { synthExamples } from './all';

/**
 * The app `cdk8s synth` runs (see cdk8s.yaml): every example into its own folder under dist/.
 * The CRDs are read from VITESS_OPERATOR_DATA, defaulting to ../shared/vitess-operator for this repo's dev setup.
 */
process.env.VITESS_OPERATOR_DATA ??= join(__dirname, '..', '..', 'shared', 'vitess-operator');
synthExamples(process.env.CDK8S_OUTDIR ?? 'dist');
