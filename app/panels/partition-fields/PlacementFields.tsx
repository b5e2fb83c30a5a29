/** Where a partition sits: offset (or automatic), size (or rest of area), alignment, image size. */
import { familyOf, formatHex, type LayoutDocument, type Partition } from '../../../src/index';
import { ByteInput } from '../../form/ByteInput';
import { Switch } from '../../form/Field';
import type { PartitionFormApi } from './form-type';

/** The family's own offset alignment for this partition (what an empty alignment field means). */
function familyAlignment(partition: Partition, document: LayoutDocument): string {
  const strictest = familyOf(document)
    .alignments(partition, document)
    .filter((r) => r.of === 'offset')
    .sort((a, b) => b.value - a.value)[0];
  return strictest ? `${formatHex(strictest.value)} (${strictest.reason})` : 'none';
}

export function PlacementFields({ form, partition, document }: { form: PartitionFormApi; partition: Partition; document: LayoutDocument }) {
  const [offset, offsetAuto, size, sizeRest, align, imageSize] = form.form.watch(['offset', 'offsetAuto', 'size', 'sizeRest', 'align', 'imageSize']);
  return (
    <>
      <ByteInput
        label="Offset"
        text={offset}
        error={offsetAuto ? undefined : form.errorOf('offset')}
        readOnly={offsetAuto}
        note={offsetAuto ? 'placed after the previous partition' : undefined}
        after={<Switch label={<>auto<span className="sr-only"> offset</span></>} {...form.choice('offsetAuto')} />}
        {...form.text('offset')}
      />
      <ByteInput
        label="Size"
        text={size}
        error={sizeRest ? undefined : form.errorOf('size')}
        readOnly={sizeRest}
        note={sizeRest ? 'up to the next partition or the end of the area' : undefined}
        after={<Switch label="rest of area" {...form.choice('sizeRest')} />}
        {...form.text('size')}
      />
      <ByteInput
        label="Alignment"
        text={align}
        error={form.errorOf('align')}
        placeholder="family default"
        note={align.trim() === '' ? `family default: ${familyAlignment(partition, document)}` : undefined}
        {...form.text('align')}
      />
      <ByteInput
        label="Image size"
        text={imageSize}
        error={form.errorOf('imageSize')}
        placeholder="not known"
        note={imageSize.trim() === '' ? 'checked against the slot once given' : undefined}
        {...form.text('imageSize')}
      />
      <Switch label="Raw (not in any partition table)" {...form.choice('raw')} />
    </>
  );
}
