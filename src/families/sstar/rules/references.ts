/**
 * Names that point at partitions by number, which move when the layout does: fw_env.config
 * (ENV_CFG: `/dev/mtdN offset ...`) and an image's BOOTENV `root=/dev/mtdblockN` or MOUNTPT
 * `/dev/mtdblockN`, counted as Linux numbers the MTD partitions of the layout. A layout change that
 * moves one silently breaks the boot or the environment; this says it.
 */
import { FormatError } from '../../../codecs/errors';
import { makeWords } from '../../../codecs/partition-config';
import type { Rule } from '../../../layout/family';
import { quoted } from '../../../rules/describe';
import { envLocations } from '../commands';
import { documentMtdparts } from '../mtdparts-bridge';
import { parseMtdparts } from '../../../codecs/mtdparts';
import { sstarOptions } from '../options';
import { problemOf } from './problem';

const number = (text: string | undefined) => (text === undefined ? NaN : /^0[xX][0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : /^[0-9]+$/.test(text) ? Number(text) : NaN);

/** Linux's MTD partition names in order, or undefined when the tables cannot be made (other rules say why). */
function mtdNames(context: Parameters<Rule['check']>[0]): string[] | undefined {
  try {
    return parseMtdparts(documentMtdparts(context.document))[0].partitions.map((p) => p.name ?? '');
  } catch (error) {
    if (error instanceof FormatError) return undefined;
    throw error;
  }
}

export const envConfigRule: Rule = {
  code: 'sstar-env-config',
  description: 'ENV_CFG (fw_env.config) names the MTD partition and offset where the layout has the U-Boot environment',
  check(context) {
    const globals = sstarOptions(context.document).config?.globals ?? {};
    const stored = [globals.ENV_CFG, globals.ENV_CFG1];
    if (stored.every((line) => line === undefined) || mtdNames(context) === undefined) return [];
    const locations = envLocations(context.document);
    return stored.flatMap((line, i) => {
      if (line === undefined) return [];
      const [device, offset] = makeWords(line);
      const location = locations[i];
      if (location && device === location.device && number(offset) === location.offset) return [];
      const where = location ? `the layout has ${location.name} at ${location.device} offset 0x${location.offset.toString(16).toUpperCase()}` : 'the layout has no environment partition for it';
      return [problemOf(envConfigRule, 'warning', [], `${i === 0 ? 'ENV_CFG' : 'ENV_CFG1'} is ${quoted(line)}, but ${where}: fw_printenv would read the wrong bytes (the fw_env.config export follows the layout)`)];
    });
  },
};

export const mtdblockRule: Rule = {
  code: 'sstar-mtdblock',
  description: 'A /dev/mtdblockN in an image’s BOOTENV or MOUNTPT is the partition of that image, as Linux numbers them',
  check(context) {
    const names = mtdNames(context);
    if (!names) return [];
    const indexOf = new Map<string, number>();
    names.forEach((name, i) => {
      if (!indexOf.has(name)) indexOf.set(name, i);
    });
    const records = context.document.partitions.flatMap((partition) => [{ id: partition.id, name: partition.name, sstar: partition.sstar }, ...(partition.volumes ?? []).map((v) => ({ id: v.id, name: v.name, sstar: v.sstar }))]);
    return records.flatMap((record) => {
      const fields = record.sstar?.fields ?? {};
      return (['BOOTENV', 'MOUNTPT'] as const).flatMap((field) => {
        const found = /\/dev\/mtdblock([0-9]+)/.exec(fields[field] ?? '');
        if (!found) return [];
        const index = Number(found[1]);
        const at = names[index];
        if (at === record.name) return [];
        const actual = indexOf.get(record.name) ?? -1;
        const fixed = actual === -1 ? undefined : (fields[field] ?? '').replace(found[0], `/dev/mtdblock${actual}`);
        return [
          problemOf(
            mtdblockRule,
            'warning',
            [record.id],
            `${record.sstar?.image ?? record.name} ${field} says ${found[0]}, which is ${at === undefined ? 'no partition' : quoted(at)}${actual === -1 ? '' : `; ${quoted(record.name)} is /dev/mtdblock${actual}`}`,
            fixed === undefined ? undefined : { label: `Use /dev/mtdblock${actual}`, edits: [{ target: 'partition', id: record.id, set: { sstar: { ...record.sstar!, fields: { ...fields, [field]: fixed } } } }] },
          ),
        ];
      });
    });
  },
};
