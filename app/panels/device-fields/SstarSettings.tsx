/**
 * SigmaStar device settings. SPI-NAND: the geometry as pnigenerator takes it (-p page, -s spare,
 * -b pages per block, -k block count; the block and the device size follow) and how many CIS
 * copies writecis writes. SPI-NOR: the mxpgenerator variant.
 */
import { formatHex, formatHuman, parseBytes } from '../../../src/index';
import { ByteInput } from '../../form/ByteInput';
import { Field, Switch } from '../../form/Field';
import type { DeviceFormApi } from './form-type';

function derived(page: string, pages: string, blocks: string): string | undefined {
  const pageBytes = parseBytes(page);
  const perBlock = Number(pages);
  const count = Number(blocks);
  if (!pageBytes.ok || !Number.isInteger(perBlock) || !Number.isInteger(count) || perBlock < 1 || count < 1) return undefined;
  const block = pageBytes.value * perBlock;
  return `blocks of ${formatHex(block)} (${formatHuman(block)}), ${formatHuman(block * count)} in all`;
}

export function SstarSettings({ form, kind }: { form: DeviceFormApi; kind: 'nor' | 'nand' }) {
  const [page, pages, blocks] = form.form.watch(['pageSize', 'pagesPerBlock', 'blockCount']);
  if (kind === 'nor') return <Switch label="mxpgenerator env_merge variant (UBOOT grows over UBOOT_ENV)" {...form.choice('envMerge')} />;
  const size = derived(page, pages, blocks);
  return (
    <>
      <div className="field-pair">
        <ByteInput label="Page size" text={page} error={form.errorOf('pageSize')} {...form.text('pageSize')} />
        <Field label="Spare bytes per page" error={form.errorOf('spareSize')}>
          {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" {...control} {...form.text('spareSize')} />}
        </Field>
      </div>
      <div className="field-pair">
        <Field label="Pages per block" error={form.errorOf('pagesPerBlock')}>
          {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" {...control} {...form.text('pagesPerBlock')} />}
        </Field>
        <Field label="Block count" error={form.errorOf('blockCount')}>
          {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" {...control} {...form.text('blockCount')} />}
        </Field>
      </div>
      {size && <p className="muted device-derived">{size}</p>}
      <Field label="CIS copies" error={form.errorOf('cisCopies')} hint="writecis: 1 to 5, in blocks 0, 2, 4, 6, 8 (default 3)">
        {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" placeholder="3" {...control} {...form.text('cisCopies')} />}
      </Field>
    </>
  );
}
