import { App } from 'cdk8s';
import { Warnings } from './problems';

/**
 * Synthesizes an app the way a user wants to see it: warnings on stderr, and on invalid input the
 * validation messages (construct path, field, problem, fix) instead of a stack trace, with exit code 1.
 */
export function synthApp(app: App, out: { error: (s: string) => void; exit: (code: number) => never } = { error: (s) => console.error(s), exit: (c) => process.exit(c) }): void {
  for (const w of Warnings.collect(app)) out.error(`warning: ${w}`);
  try {
    app.synth();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!message.startsWith('Validation failed')) throw e;
    out.error(`cdk8s-vitess: ${message}`);
    out.exit(1);
  }
}
