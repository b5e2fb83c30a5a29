/**
 * Each burn script is one estar reads (smaller than its 4 KiB buffer) and one the SDK's shell
 * echoes as it is; the scripts are made as the export makes them.
 */
import { FormatError } from '../../../codecs/errors';
import type { Rule } from '../../../layout/family';
import { burnScriptFiles } from '../scripts';
import { ShellEchoError } from '../scripts/shell';
import { problemOf } from './problem';

export const scriptsRule: Rule = {
  code: 'sstar-burn-scripts',
  description: 'Each burn script is under 4 KiB (estar’s buffer) and holds only what the SDK’s shell echoes as it is',
  check(context) {
    let files;
    try {
      files = burnScriptFiles(context.document);
    } catch (error) {
      // A layout the tables cannot take is the table rules' to report; a value the shell would mangle is this rule's.
      if (error instanceof ShellEchoError) return [problemOf(scriptsRule, 'error', [], error.message)];
      if (error instanceof FormatError) return [];
      throw error;
    }
    return files.flatMap((file) => ('error' in file ? [problemOf(scriptsRule, 'error', [], file.error.message)] : []));
  },
};
