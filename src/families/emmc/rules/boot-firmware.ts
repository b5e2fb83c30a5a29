/**
 * The boot firmware where the ROM looks for it: the boot source holds a firmware image, at the
 * SoC's offset when a SoC is chosen, and the image fits its hardware boot partition (BOOT_SIZE_MULT
 * × 128 KiB is fixed by the part: a larger image cannot be written there at all).
 */
import type { Rule } from '../../../layout/family';
import { type Fix, type Problem, fixesOf } from '../../../model/problem';
import { formatHex } from '../../../model/units';
import { amount, quoted } from '../../../rules/describe';
import { activeFirmware, areaOfSource, romOffset } from '../boot-firmware';
import { bootSource, isBootFirmware } from '../disk';
import { socById } from '../socs';

const description = 'The boot firmware sits where the SoC boot ROM reads it, and fits there';

export const bootFirmwareRule: Rule = {
  code: 'emmc-boot-firmware',
  description,
  check(context) {
    const { document, placement } = context;
    const problems: Problem[] = [];
    const problem = (severity: Problem['severity'], message: string, partitionIds: string[], fix?: Fix): Problem => ({
      code: 'emmc-boot-firmware',
      severity,
      rule: description,
      partitionIds,
      message,
      fixes: fixesOf(fix),
    });
    // Every firmware image in a hardware boot partition must fit it.
    for (const hw of document.device.hardwarePartitions ?? []) {
      for (const placed of placement.partitions) {
        if (placed.space !== hw.name || !isBootFirmware(placed.partition)) continue;
        const image = placed.partition.imageSize ?? placed.size;
        const room = hw.size - placed.start;
        if (image > room) problems.push(problem('error', `${quoted(placed.partition.name)} is ${amount(image)}, but ${hw.name} has ${amount(Math.max(0, room))} from ${formatHex(placed.start)}`, [placed.partition.id]));
      }
    }
    const source = bootSource(document);
    const area = areaOfSource(document, source);
    if (source !== 'user' && !document.device.hardwarePartitions?.some((hw) => hw.name === source)) {
      problems.push(problem('error', `the boot ROM is set to read ${source}, which this device does not have`, []));
      return problems;
    }
    const firmware = activeFirmware(document, source);
    if (!firmware) {
      if (source !== 'user' && area) problems.push(problem('warning', `the boot ROM reads ${source}, but ${source} holds no boot firmware (a raw bootloader or firmware partition)`, []));
      return problems;
    }
    const offset = romOffset(document, source);
    const placed = placement.byId.get(firmware.id);
    if (offset !== undefined && placed && placed.start !== offset) {
      const soc = socById(document.device.emmc?.soc);
      problems.push(
        problem('warning', `${quoted(firmware.name)} starts at ${formatHex(placed.start)}, but the ${soc?.name.split(':')[0]} ROM reads it at ${formatHex(offset)}`, [firmware.id], {
          label: `Move ${quoted(firmware.name)} to ${formatHex(offset)}`,
          edits: [{ target: 'partition', id: firmware.id, set: { offset } }],
        }),
      );
    }
    return problems;
  },
};
