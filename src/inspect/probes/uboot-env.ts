/**
 * A U-Boot environment block (CRC32 checked, plain or redundant form). Its `mtdparts` variable, or
 * the `mtdparts=` of its `bootargs`, names the regions of a raw NOR or NAND dump.
 */
import { findUbootEnvHeader, readUbootEnvVars } from '../../codecs/uboot-env/parse';
import { parseMtdparts, resolveMtdparts } from '../../codecs/mtdparts';
import { located, warning, type Probe } from '../probe';
import { region, type Region } from '../region';

const MAX_WINDOW = 0x20000;

/** `name=` right after a 4-byte CRC, or after the CRC and a flag byte. */
function startsWithVariable(w: Uint8Array, at: number): boolean {
  let i = at;
  const first = w[i];
  if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a) || first === 0x5f)) return false;
  for (i++; i < at + 64 && i < w.length; i++) {
    const c = w[i];
    if (c === 0x3d) return true;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d)) return false;
  }
  return false;
}

export const ubootEnvProbe: Probe = {
  name: 'uboot-env',
  matches: (w) => startsWithVariable(w, 4) || startsWithVariable(w, 5),
  async read({ reader, size }, offset) {
    const bytes = await reader.bytes(offset, MAX_WINDOW);
    let env;
    try {
      env = readUbootEnvVars(bytes, findUbootEnvHeader(bytes));
    } catch {
      return [];
    }
    const vars = Object.fromEntries(env.vars.map((v) => [v.name, v.value]));
    const mtdparts = vars.mtdparts ?? (vars.bootargs ?? '').split(/\s+/).find((word) => word.startsWith('mtdparts='));
    const block = region('uboot-env', offset, env.size, null, {
      crc: 'valid',
      redundant: env.redundant,
      ...(env.flag !== undefined ? { flag: env.flag } : {}),
      bigEndian: env.bigEndian,
      variables: env.vars.length,
      names: env.vars.map((v) => v.name),
      ...(vars.bootargs !== undefined ? { bootargs: vars.bootargs } : {}),
      ...(mtdparts !== undefined ? { mtdparts } : {}),
    });
    block.warnings.push(...env.warnings.map((w) => warning(offset, w)));
    return [block, ...(mtdparts ? mtdRegions(mtdparts, size, block) : [])];
  },
};

function mtdRegions(text: string, size: number, env: Region): Region[] {
  try {
    const [device] = parseMtdparts(text);
    const resolved = resolveMtdparts(device, size);
    env.warnings.push(...resolved.warnings.map((w) => warning(env.offset, `mtdparts: ${w.message}`)));
    return resolved.partitions
      .filter((p) => !p.disabled && p.size > 0)
      .map((p) => region('mtd-partition', p.start, p.size, p.name, { mtdId: device.id, number: p.source, readOnly: p.readOnly, table: 'mtdparts' }));
  } catch (error) {
    env.warnings.push({ ...located(error, env.offset), message: `mtdparts cannot be read: ${located(error, env.offset).message}` });
    return [];
  }
}
