import { parseAllDocuments } from 'yaml';

const MAX_CACHED = 32;
const parsed = new Map<string, readonly any[]>();

/**
 * The non-empty documents of a multi-document YAML text, parsed once per process per distinct text.
 * Parsing the CRDs of a release (about 400 KB) takes longer than building and synthesizing a whole
 * cluster, and an app with several operator charts, or a test suite, reads the same files many times.
 * The documents are shared between callers: treat them as read-only (clone before changing).
 */
export function yamlDocuments(text: string): readonly any[] {
  let docs = parsed.get(text);
  if (!docs) {
    docs = Object.freeze(parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d != null));
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, docs);
  }
  return docs;
}
