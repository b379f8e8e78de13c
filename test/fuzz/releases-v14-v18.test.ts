import { fuzzGarbage, fuzzValidTopologies } from './properties';

// Operator 2.7–2.11 (Vitess 14–18); releases-v19-v24.test.ts has the others. Together, per `npm test`: 500 valid
// topologies over all 11 releases, and every garbage prop once per group (2 × 53 runs); invalid-topologies.test.ts
// adds the mutations. FUZZ_SEED / FUZZ_RUNS explore further (see fuzzParams in arbitraries.ts).
const RELEASES = ['2.7', '2.8', '2.9', '2.10', '2.11'];
fuzzValidTopologies(RELEASES, 250);
fuzzGarbage(RELEASES, 1);
