import { fuzzGarbage, fuzzValidTopologies } from './properties';

// Operator 2.12–2.17 (Vitess 19–24); releases-v14-v18.test.ts has the others.
const RELEASES = ['2.12', '2.13', '2.14', '2.15', '2.16', '2.17'];
fuzzValidTopologies(RELEASES, 250);
fuzzGarbage(RELEASES, 1);
