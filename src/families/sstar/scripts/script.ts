/** One burn script as the SDK's makefiles write it: its path under images/ and its lines between the header and the end-of-file line. */
import type { EstarLine } from '../../../codecs/estar-script';

export interface BurnScript {
  /** `scripts/[[kernel.es`, `auto_update.txt`... */
  path: string;
  lines: Array<string | EstarLine>;
  /** Written without the header line and the end-of-file line (the older SDK's NOR auto_update.txt). */
  bare?: boolean;
}

export const blank: EstarLine = { kind: 'blank' };
