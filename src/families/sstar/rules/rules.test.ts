/** One failing, one passing and (where there is one) the fixed layout for each SigmaStar rule; fixtures named after the rule. */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../layout/family';
import type { LayoutDocument, Partition } from '../../../model/document';
import { applyFix } from '../../../model/edit';
import { findPreset } from '../../../presets';
import { check } from '../../../test-support/documents';
import { validate } from '../..';
import { bootAreaRule } from './boot-area';
import { cisAtZeroRule, iplAtZeroRule } from './boot-start';
import { cisCopiesRule, replicasFitRule } from './copies';
import { jffs2EraseBlockRule } from './jffs2';
import { mxpContiguousRule, mxpNamesRule, mxpRecordLimitRule } from './mxp-lists';
import { mxptProbedRule } from './mxpt';
import { pniListsRule, pniNamesRule, pniRecordLimitRule } from './pni-lists';
import { envConfigRule, mtdblockRule } from './references';
import { scriptsRule } from './scripts';
import { ubiCapacityRule, ubiVolumeImageRule, ubiVolumesRule } from './ubi';

const nor = () => findPreset('sstar-nor')!.build();
const nand = () => findPreset('sstar-nand')!.build();

function edit(document: LayoutDocument, name: string, set: Partial<Partition>): LayoutDocument {
  return { ...document, partitions: document.partitions.map((p) => (p.name === name ? { ...p, ...set } : p)) };
}

function fixedBy(rule: Rule, document: LayoutDocument): LayoutDocument {
  const [problem] = check(rule, document);
  expect(problem?.fixes[0], `${rule.code} offers a fix`).toBeDefined();
  return applyFix(document, problem.fixes[0]);
}

describe.each([
  ['sstar-nor', nor],
  ['sstar-nand', nand],
  ['sstar-nand-256', () => findPreset('sstar-nand-256')!.build()],
])('the %s preset', (_id, build) => {
  it('passes every SigmaStar rule', () => {
    expect(validate(build()).problems).toEqual([]);
  });
});

describe('sstar-ipl-at-zero', () => {
  const moved = () => edit(nor(), 'IPL', { offset: 0x10000 });
  it('fails for an IPL away from 0, and the fix moves it back', () => {
    expect(check(iplAtZeroRule, moved())).toMatchObject([{ code: 'sstar-ipl-at-zero', severity: 'error', message: /IPL is at 0x10000/ }]);
    expect(check(iplAtZeroRule, fixedBy(iplAtZeroRule, moved()))).toEqual([]);
  });
  it('fails without an IPL', () => {
    expect(check(iplAtZeroRule, { ...nor(), partitions: nor().partitions.filter((p) => p.name !== 'IPL') })[0].message).toMatch(/there is no IPL partition/);
  });
  it('passes the preset', () => expect(check(iplAtZeroRule, nor())).toEqual([]));
});

describe('sstar-cis-at-zero', () => {
  it('fails without the CIS at block 0', () => {
    const document = { ...nand(), partitions: nand().partitions.filter((p) => p.name !== 'CIS') };
    expect(check(cisAtZeroRule, document)[0]).toMatchObject({ severity: 'error', message: /no CIS partition/ });
  });
  it('passes the preset', () => expect(check(cisAtZeroRule, nand())).toEqual([]));
});

describe('sstar-mxpt-offset', () => {
  // IPL_CUST of 0x20000 puts MXPT at 0x30000, an offset U-Boot does not probe.
  const moved = () => edit(nor(), 'IPL_CUST', { size: 0x20000 });
  it('fails for MXPT at 0x30000; the fix moves it to the next probed offset, 0x40000', () => {
    expect(check(mxptProbedRule, moved())).toMatchObject([{ severity: 'error', message: /MXPT is at 0x30000/, fixes: [{ label: 'Move MXPT to 0x40000' }] }]);
    expect(check(mxptProbedRule, fixedBy(mxptProbedRule, moved()))).toEqual([]);
  });
  it('passes MXPT at 0x20000', () => expect(check(mxptProbedRule, nor())).toEqual([]));
});

describe('sstar-mxp-contiguous', () => {
  const gap = () => edit(nor(), 'rootfs', { offset: 0x260000 });
  it('fails where mxpgenerator would place a partition elsewhere, once where the shift begins; the fix follows the previous one', () => {
    const problems = check(mxpContiguousRule, gap());
    expect(problems).toMatchObject([{ partitionIds: ['rootfs'], message: /"rootfs" is at 0x260000, but MXP_SF.bin would put it at 0x250000/ }]);
    expect(check(mxpContiguousRule, fixedBy(mxpContiguousRule, gap()))).toEqual([]);
  });
  it('passes the preset', () => expect(check(mxpContiguousRule, nor())).toEqual([]));
});

describe('sstar-mxp-records', () => {
  const many = (n: number) => {
    const base = nor();
    const extra: Partition[] = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, name: `d${i}`, area: 'sys', offset: 'auto', size: 0x10000, kind: 'data' }));
    return { ...base, partitions: [...base.partitions.filter((p) => p.name !== 'customer'), ...extra] };
  };
  it('passes 30 records with BOOT, fails 31', () => {
    // 5 BOOT entries, the BOOT record, KERNEL, rootfs, miservice: 9; 21 more make 30.
    expect(check(mxpRecordLimitRule, many(21))).toEqual([]);
    expect(check(mxpRecordLimitRule, many(22))).toMatchObject([{ partitionIds: ['d21'], message: /make 31 records; MXP_SF.bin holds 30/ }]);
  });
});

describe('sstar-mxp-name', () => {
  const long = () => edit(nor(), 'customer', { name: 'customer_data_long' });
  it('fails a 16-character name and offers the 15 first', () => {
    expect(check(mxpNamesRule, long())).toMatchObject([{ message: /is 18 characters/, fixes: [{ label: 'Rename to "customer_data_l"' }] }]);
    expect(check(mxpNamesRule, fixedBy(mxpNamesRule, long()))).toEqual([]);
  });
  it('fails a name the lists cannot hold', () => {
    expect(check(mxpNamesRule, edit(nor(), 'customer', { name: 'my data' }))[0].message).toMatch(/without blanks, commas or parentheses/);
  });
  it('passes the preset', () => expect(check(mxpNamesRule, nor())).toEqual([]));
});

describe('sstar-jffs2-erase-block', () => {
  const odd = () => edit(nor(), 'customer', { size: 0x6a8000 });
  it('fails a jffs2 partition of part of a 64 KiB erase block; the fix grows it', () => {
    expect(check(jffs2EraseBlockRule, odd())).toMatchObject([{ message: /0x6A8000, not whole 64 KiB erase blocks/, fixes: [{ label: 'Grow "customer" to 0x6B0000' }] }]);
    expect(check(jffs2EraseBlockRule, fixedBy(jffs2EraseBlockRule, odd()))).toEqual([]);
  });
  it('fails a jffs2 partition starting inside an erase block', () => {
    expect(check(jffs2EraseBlockRule, edit(nor(), 'miservice', { size: 0x2ff000 }))[0].message).toMatch(/starts at 0x94F000, not on a 64 KiB erase block/);
  });
  it('passes the preset', () => expect(check(jffs2EraseBlockRule, nor())).toEqual([]));
});

describe('sstar-boot-area', () => {
  it('warns about a BOOT area that is not the SDK’s', () => {
    const base = nor();
    const extra: Partition = { id: 'key', name: 'KEY_CUST', area: 'boot', offset: 'auto', size: 0x1000, kind: 'data' };
    expect(check(bootAreaRule, { ...base, partitions: [...base.partitions.slice(0, 5), extra, ...base.partitions.slice(5)] })).toMatchObject([{ severity: 'warning', partitionIds: ['key'], message: /KEY_CUST is not one of them/ }]);
    expect(check(bootAreaRule, { ...nand(), partitions: nand().partitions.filter((p) => p.name !== 'ENV') })[0].message).toMatch(/ENV is missing/);
  });
  it('passes the presets', () => {
    expect(check(bootAreaRule, nor())).toEqual([]);
    expect(check(bootAreaRule, nand())).toEqual([]);
  });
});

describe('sstar-replicas-fit', () => {
  // Three replicas of a 0x20000 IPL need the copy's block and 2 spare blocks.
  const tight = () => edit(nand(), 'IPL', { copies: { count: 2, slot: 0x20000, spareBlocks: 1 } });
  it('fails when the _s.bin is larger than a copy and its spare blocks; the fix keeps enough spare blocks', () => {
    expect(check(replicasFitRule, tight())).toMatchObject([{ message: /ipl_s.bin holds 3 replicas of 0x20000 \(0x60000\), more than each copy's 0x40000/, fixes: [{ label: 'Keep 2 spare blocks after each copy' }] }]);
    expect(check(replicasFitRule, fixedBy(replicasFitRule, tight()))).toEqual([]);
  });
  it('passes the preset', () => expect(check(replicasFitRule, nand())).toEqual([]));
});

describe('sstar-cis-copies', () => {
  const small = () => edit(nand(), 'CIS', { size: 0x60000 });
  it('fails 5 CIS copies in a 3-block CIS; the fix writes the 2 that fit', () => {
    expect(check(cisCopiesRule, small())).toMatchObject([{ message: /5 CIS copies need blocks 0 to 8, but "CIS" has 3 blocks/, fixes: [{ label: 'Write 2 CIS copies' }] }]);
    expect(check(cisCopiesRule, fixedBy(cisCopiesRule, small()))).toEqual([]);
  });
  it('fails more than 5 copies', () => {
    const document = nand();
    expect(check(cisCopiesRule, { ...document, device: { ...document.device, sstar: { ...document.device.sstar, cisCopies: 6 } } })[0].message).toMatch(/writecis refuses more than 5/);
  });
  it('passes the preset', () => expect(check(cisCopiesRule, nand())).toEqual([]));
});

describe('sstar-pni-records', () => {
  it('fails the 63rd entry', () => {
    const base = nand();
    const extra = (n: number): Partition[] => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, name: `d${i}`, area: 'sys', offset: 'auto', size: 0x20000, kind: 'data' }));
    const withExtra = (n: number) => ({ ...base, partitions: [...base.partitions.slice(0, -1), ...extra(n), base.partitions.at(-1)!] });
    // 9 BOOT entries and KEY_CUST, LOGO, KERNEL, RECOVERY, UBI: 14; 48 more make 62.
    expect(check(pniRecordLimitRule, withExtra(48))).toEqual([]);
    expect(check(pniRecordLimitRule, withExtra(49))[0].message).toMatch(/63 entries/);
  });
});

describe('sstar-pni-name', () => {
  it('fails a BOOT name pnigenerator does not know; the fix for IPL without copies makes it IPL0', () => {
    const plain = edit(nand(), 'IPL', { copies: undefined });
    expect(check(pniNamesRule, plain)).toMatchObject([{ partitionIds: ['ipl'], message: /"IPL" is not a name pnigenerator knows.*0xF000, hidden/, fixes: [{ label: 'Make "IPL" one copy (IPL0)' }] }]);
    expect(check(pniNamesRule, fixedBy(pniNamesRule, plain))).toEqual([]);
    expect(check(pniNamesRule, edit(nand(), 'IPL', { copies: { count: 4, slot: 0x20000, spareBlocks: 0 } }))[0].message).toMatch(/"IPL3" is not/);
  });
  it('passes the preset', () => expect(check(pniNamesRule, nand())).toEqual([]));
});

describe('sstar-pni-lists', () => {
  it('fails a name longer than pnigenerator keeps', () => {
    expect(check(pniListsRule, edit(nand(), 'LOGO', { name: 'a_very_long_logo_partition_name' }))[0].message).toMatch(/pnigenerator would refuse the layout's lists: .*30 bytes/);
  });
  it('passes the preset', () => expect(check(pniListsRule, nand())).toEqual([]));
});

describe('sstar-ubi-capacity', () => {
  const grown = () => {
    const document = nand();
    return edit(document, 'UBI', { volumes: document.partitions.find((p) => p.name === 'UBI')!.volumes!.map((v) => (v.name === 'customer' ? { ...v, size: 20 * 1024 * 1024 } : v)) });
  };
  it('warns when the volumes need more LEBs than the UBI partition has', () => {
    // UBI: blocks 122..1023 = 902 PEBs; less 4 and 20 for bad blocks: 878 LEBs of 126976. rootfs 678 + miservice 83 + customer 166 + appconfigs 34 = 961.
    expect(check(ubiCapacityRule, grown())).toMatchObject([{ severity: 'warning', partitionIds: ['ubi', 'customer', 'appconfigs'], message: /need 961 LEBs but it has 878/ }]);
  });
  it('passes the preset (837 of 878 LEBs)', () => {
    expect(check(ubiCapacityRule, nand())).toEqual([]);
  });
});

describe('sstar-ubi-volumes', () => {
  it('fails two rest volumes and two of one name; warns volumes outside UBI, with a fix', () => {
    const document = nand();
    const volumes = document.partitions.find((p) => p.name === 'UBI')!.volumes!;
    const twice = edit(document, 'UBI', { volumes: [...volumes.slice(0, 2), { ...volumes[2], size: 'rest' }, { ...volumes[3], size: 'rest', name: 'customer' }] });
    expect(check(ubiVolumesRule, twice).map((p) => p.message)).toEqual([expect.stringMatching(/all take the rest/), expect.stringMatching(/two volumes named "customer"/)]);
    const notUbi = edit(document, 'UBI', { kind: 'data' });
    expect(check(ubiVolumesRule, notUbi)[0]).toMatchObject({ severity: 'warning', fixes: [{ label: 'Make "UBI" a UBI partition' }] });
    expect(check(ubiVolumesRule, fixedBy(ubiVolumesRule, notUbi))).toEqual([]);
  });
  it('passes the preset', () => expect(check(ubiVolumesRule, nand())).toEqual([]));
});

describe('sstar-ubi-volume-image', () => {
  // customer: 0x500000 bytes in LEBs of 126976 (block 128 KiB less two 2 KiB pages): 42 LEBs, 5332992 bytes.
  const withImage = (size: number) => {
    const document = nand();
    const volumes = document.partitions.find((p) => p.name === 'UBI')!.volumes!;
    return edit(document, 'UBI', { volumes: volumes.map((v) => (v.name === 'customer' ? { ...v, attachment: { fileName: 'customer.ubifs', size, sha256: '0'.repeat(64) } } : v)) });
  };
  it('fails an image one byte larger than the LEBs of its volume, naming the file and the volume', () => {
    expect(check(ubiVolumeImageRule, withImage(42 * 126976 + 1))).toMatchObject([{ severity: 'error', partitionIds: ['customer'], message: /"customer.ubifs" for volume "customer" of "UBI" is .*, larger than its 42 LEBs/ }]);
  });
  it('passes an image that fills the volume exactly', () => expect(check(ubiVolumeImageRule, withImage(42 * 126976))).toEqual([]));
});

describe('sstar-env-config', () => {
  it('warns when ENV_CFG names another place than the layout’s environment', () => {
    // UBOOT of 0x2F000 moves UBOOT_ENV to 0x5F000; the preset's ENV_CFG says 0x4F000.
    expect(check(envConfigRule, edit(nor(), 'UBOOT', { size: 0x2f000 }))[0].message).toMatch(/ENV_CFG is "\/dev\/mtd0 0x4F000 0x1000 0x50000", but the layout has UBOOT_ENV at \/dev\/mtd0 offset 0x5F000/);
    // An extra partition before ENV0 moves it to mtd7.
    const document = nand();
    const extra: Partition = { id: 'x', name: 'IPL_CUST2', area: 'boot', offset: 'auto', size: 0x20000, kind: 'data' };
    const shifted = { ...document, partitions: [...document.partitions.slice(0, 3), extra, ...document.partitions.slice(3)] };
    expect(check(envConfigRule, shifted).map((p) => p.message)).toEqual([expect.stringMatching(/ENV_CFG is .*ENV0 at \/dev\/mtd7/), expect.stringMatching(/ENV_CFG1 is .*ENV1 at \/dev\/mtd8/)]);
  });
  it('passes the presets', () => {
    expect(check(envConfigRule, nor())).toEqual([]);
    expect(check(envConfigRule, nand())).toEqual([]);
  });
});

describe('sstar-mtdblock', () => {
  it('warns when root=/dev/mtdblockN is no longer the rootfs; the fix names the right block', () => {
    const base = nor();
    const logo: Partition = { id: 'logo', name: 'LOGO', area: 'sys', offset: 'auto', size: 0x20000, kind: 'data' };
    const shifted = { ...base, partitions: [...base.partitions.slice(0, 6), logo, ...base.partitions.slice(6)] };
    const problems = check(mtdblockRule, shifted);
    expect(problems.map((p) => p.message)).toEqual([
      'rootfs BOOTENV says /dev/mtdblock2, which is "LOGO"; "rootfs" is /dev/mtdblock3',
      'miservice MOUNTPT says /dev/mtdblock3, which is "rootfs"; "miservice" is /dev/mtdblock4',
    ]);
    const fixed = fixedBy(mtdblockRule, shifted);
    expect(fixed.partitions.find((p) => p.name === 'rootfs')?.sstar?.fields?.BOOTENV).toBe('root=/dev/mtdblock3 rootfstype=squashfs ro init=/linuxrc');
  });
  it('passes the preset', () => expect(check(mtdblockRule, nor())).toEqual([]));
});

describe('sstar-burn-scripts', () => {
  it('fails a script estar could not load, and a value the shell would run', () => {
    const document = nand();
    const volumes = document.partitions.find((p) => p.name === 'UBI')!.volumes!;
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `v${i}`, name: `volume_number_${i}`, size: 0x20000, fs: 'ubifs' as const }));
    const crowded = edit(document, 'UBI', { volumes: [...volumes, ...many] });
    expect(check(scriptsRule, crowded)[0].message).toMatch(/\[\[set_partition.es: the script would be \d+ bytes: estar loads scripts into a 4096-byte buffer/);
    const shell = edit(nor(), 'KERNEL', { sstar: { image: 'kernel', fields: { BOOTCMD: 'sf read 0x22000000 0 0x1000; reset' } } });
    expect(check(scriptsRule, shell)[0].message).toMatch(/unquoted ";"/);
  });
  it('passes the presets', () => {
    expect(check(scriptsRule, nor())).toEqual([]);
    expect(check(scriptsRule, nand())).toEqual([]);
  });
});
