#!/usr/bin/env python3
"""
Records gen_esp32part.py's answers to the command lines and tables below, for the unit tests of
`flashmap esp32` (src/test-support/gen-esp32part/answers.json). These are the cases the
conformance corpus in ../shared does not cover: argparse's parsing, usage, errors and help, the
option values, byte-order marks, tables longer than a table holds, binary inputs, progress lines.

    python3 scripts/gen-esp32part-answers.py /path/to/esp-idf/components/partition_table/gen_esp32part.py \
        > src/test-support/gen-esp32part/answers.json

The answers in the repository were recorded with ESP-IDF v6.0.2's gen_esp32part.py and CPython
3.11 (argparse words differ between Python versions), with an empty environment except COLUMNS
where a case sets it. The script runs in this process, as `python3 gen_esp32part.py ARGS` would:
IN and OUT in the arguments stand for the input and output files. Where the tool stops with a
Python exception, only the exception's last line is kept (status 1), as in the corpus.
"""
import base64
import codecs
import io
import json
import os
import sys
import tempfile
import traceback

TABLE = 'nvs, data, nvs, 0x9000, 0x6000,\nfactory, app, factory, 0x10000, 1M,\n'


def rows(count, name='p'):
    return ''.join(f'{name}{i}, data, fat, , 0x1000,\n' for i in range(count))


def entry(name, ptype, subtype, offset, size, flags=0, magic=b'\xaa\x50'):
    return magic + bytes([ptype, subtype]) + offset.to_bytes(4, 'little') + size.to_bytes(4, 'little') + name.ljust(16, b'\0') + flags.to_bytes(4, 'little')


def binary(entries, md5=True):
    import hashlib
    data = b''.join(entries)
    if md5:
        data += b'\xeb\xeb' + b'\xff' * 14 + hashlib.md5(data).digest()
    return data + b'\xff' * (0xC00 - len(data))


NVS = entry(b'nvs', 1, 2, 0x9000, 0x6000)
CASES = [
    # argparse: help, usage and errors
    ('help', ['-h'], TABLE),
    ('help at 120 columns', ['--help'], TABLE, 120),
    ('help at 40 columns', ['-h'], TABLE, 40),
    ('no arguments', [], TABLE),
    ('missing input file', ['-q', 'missing.csv'], TABLE),
    ('input is a directory', ['-q', '.'], TABLE),
    ('flash size not a choice', ['--flash-size', '3MB', 'IN'], TABLE),
    ('flash size takes the file name', ['--flash-size', 'IN'], TABLE),
    ('flash size without a value', ['-q', 'IN', 'OUT', '--flash-size'], TABLE),
    ('secure not a choice', ['--secure', 'v3', 'IN'], TABLE),
    ('secure takes the file name', ['--secure', 'IN'], TABLE),
    ('unknown option', ['-q', '--foo', 'IN', 'OUT'], TABLE),
    ('unknown short option', ['-x', 'IN'], TABLE),
    ('one positional too many', ['-q', 'IN', 'OUT', 'extra'], TABLE),
    ('an option between the files', ['IN', '-q', 'OUT'], TABLE),
    ('offset without a value', ['-q', 'IN', '--offset'], TABLE),
    ('offset takes an option as its value', ['--offset', '-q', 'IN'], TABLE),
    ('explicit value for a flag', ['--quiet=yes', 'IN'], TABLE),
    ('abbreviated options', ['--q', '--flash', '4MB', '--no', 'IN', 'OUT'], TABLE),
    ('combined short flags', ['-qv', 'IN', 'OUT'], TABLE),
    ('short flag with an unknown letter', ['-qx', 'IN', 'OUT'], TABLE),
    ('offset glued to -o', ['-qo0x9000', 'IN', 'OUT'], TABLE),
    ('offset after =', ['-q', '--offset=0x9000', 'IN', 'OUT'], TABLE),
    ('negative number as a value', ['-q', '--offset', '-1', 'IN', 'OUT'], TABLE),
    ('files after --', ['-q', '--', 'IN', 'OUT'], TABLE),
    ('extra subtypes without values', ['-q', '--extra-partition-subtypes', 'IN', 'OUT'], TABLE),
    ('extra subtypes take the file names', ['-q', '--extra-partition-subtypes', 'app,x,0x40', 'IN', 'OUT'], TABLE),
    # option values
    ('offset not a number', ['-q', '--offset', '0x8g', 'IN'], TABLE),
    ('bootloader at the table', ['-q', '--primary-bootloader-offset', '0x8000', 'IN'], TABLE),
    ('a negative hex value looks like an option', ['-q', '--offset', '-0x20', 'IN'], TABLE),
    ('negative offsets in #x form', ['-q', '--offset=-0x20', '--primary-bootloader-offset=-0x10', 'IN'], TABLE),
    ('extra subtype of an unknown type that reuses a value', ['-q', '--extra-partition-subtypes', 'foo,x,1', '--', 'IN'], TABLE),
    ('extra subtype of an unknown type', ['-q', '--extra-partition-subtypes', 'foo,x,0x77', '--', 'IN'], TABLE),
    ('extra subtype reusing a value of its type', ['-q', '--extra-partition-subtypes', 'app,x,0x10', '--', 'IN'], TABLE),
    ('extra subtype with two fields', ['-q', '--extra-partition-subtypes', 'app,x', '--', 'IN'], TABLE),
    ('extra subtype renaming a value', ['-q', '--extra-partition-subtypes', 'app,factory,0x40', 'app,z,0', '--', 'IN', 'OUT'], 'x,app,z,,1M\n'),
    ('extra subtype with a capital letter', ['-q', '--extra-partition-subtypes', 'app,My_App,0x40', '--', 'IN', 'OUT'], 'x,app,My_App,,1M\n'),
    ('extra subtype ending in m', ['-q', '--extra-partition-subtypes', 'data,my_fsm,0x40', '--', 'IN', 'OUT'], 'x,data,my_fsm,,4K\n'),
    # reading the CSV
    ('progress lines', ['IN', 'OUT'], TABLE),
    ('binary to standard output', ['IN'], TABLE),
    ('UTF-8 with two byte-order marks', ['-q', 'IN', 'OUT'], codecs.BOM_UTF8 * 2 + TABLE.encode()),
    ('UTF-16 LE', ['-q', 'IN', 'OUT'], codecs.BOM_UTF16_LE + TABLE.encode('utf-16-le')),
    ('UTF-32 LE, which the tool reads as UTF-16', ['-q', 'IN', 'OUT'], codecs.BOM_UTF32_LE + TABLE.encode('utf-32-le')),
    ('UTF-32 BE', ['-q', 'IN', 'OUT'], codecs.BOM_UTF32_BE + TABLE.encode('utf-32-be')),
    ('Unicode digits', ['-q', 'IN', 'OUT'], 'nvs, data, nvs, 0x\uff19000, \u0666\u0662\u0661\u0664\u0664,\n'),
    ('too many decimal digits', ['-q', 'IN', 'OUT'], 'x, data, fat, 0x9000, ' + '1' * 4301 + '\n'),
    ('too many suffixes', ['-q', 'IN', 'OUT'], 'x, data, fat, 0x9000, 0' + 'k' * 1000 + '\n'),
    ('type beyond one byte after a duplicate name', ['-q', 'IN', 'OUT'], 'x, 256, 0, , 4K\nx, data, fat, , 4K\n'),
    ('a copy of the first row below the cursor', ['-q', 'IN', 'OUT'], 'nvs, data, nvs, 0x9000, 0x6000,\nf, app, factory, , 1M\nnvs, data, nvs, 0x9000, 0x6000,\n'),
    ('negative size of an NVS partition', ['-q', 'IN', 'OUT'], 'x, data, nvs, 0x10000, -0x8000\n'),
    ('95 rows', ['-q', 'IN', 'OUT'], rows(95)),
    ('100 rows with a bad row after the 95th', ['-q', 'IN', 'OUT'], rows(100) + 'bad, data, blob, , 4K\n'),
    ('100 rows, one named like a type', ['-q', 'IN', 'OUT'], rows(100).replace('p3,', 'app,')),
    ('100 rows with a duplicate name', ['-q', 'IN', 'OUT'], rows(100).replace('p50,', 'p49,')),
    ('96 rows without the MD5 row', ['-q', '--disable-md5sum', 'IN', 'OUT'], rows(96)),
    ('an environment variable', ['-q', 'IN', 'OUT'], 'nvs, data, nvs, 0x9000, 0x6000,\n$FLASH_NAME, data, fat, , 4K\n'),
    ('names that are keywords', ['-q', 'IN', 'OUT'], 'fat,app,factory,,1M\nphy,data,fat,,4K\nota,app,ota_1,,1M\nfactory,data,fat,,4K\n'),
    # reading a binary
    ('binary with progress lines', ['IN'], binary([NVS])),
    ('binary with unknown flags, then a wrong MD5', ['-q', 'IN'], binary([entry(b'nvs', 1, 2, 0x9000, 0x6000, 0x100)])[:32] + b'\xeb\xeb' + b'\xff' * 14 + b'\x12' * 16 + b'\xff' * 32),
    ('the MD5 row read as an entry (--disable-md5sum)', ['-q', '--disable-md5sum', 'IN'], binary([NVS])),
    ('binary without an end marker', ['-q', 'IN'], NVS),
    ('binary not a multiple of 32 bytes', ['-q', 'IN'], NVS + b'\xaa\x50'),
    ('binary name with a comma', ['-q', 'IN', 'OUT'], binary([entry(b'a,b', 1, 0x81, 0x9000, 0x1000)])),
    ('empty table', ['-q', 'IN', 'OUT'], binary([])),
]


class KeepOpen(io.BytesIO):
    def close(self):
        pass


def run(script, code, args, data, columns):
    workdir = tempfile.mkdtemp()
    inpath, outpath = os.path.join(workdir, 'in.dat'), os.path.join(workdir, 'out.dat')
    with open(inpath, 'wb') as f:
        f.write(data)
    sys.argv = ['gen_esp32part.py'] + [inpath if a == 'IN' else outpath if a == 'OUT' else a for a in args]
    os.environ.clear()
    if columns:
        os.environ['COLUMNS'] = str(columns)
    err, raw = io.StringIO(), KeepOpen()
    out = io.TextIOWrapper(raw, encoding='utf-8')
    out.close = out.flush
    saved = sys.stderr, sys.stdout
    sys.stderr, sys.stdout = err, out
    status, crash = 0, None
    try:
        exec(code, {'__name__': '__main__', '__file__': script})
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except Exception as e:  # the tool crashed: keep only the exception line, as the corpus does
        status, crash = 1, traceback.format_exception_only(type(e), e)[-1].strip()
    finally:
        out.flush()
        sys.stderr, sys.stdout = saved
    written = open(outpath, 'rb').read() if os.path.exists(outpath) else None
    text = err.getvalue().replace(inpath, 'IN').replace(outpath, 'OUT')
    return {'status': status, 'stderr': text if crash is None else text.split('Unexpected error parsing CSV line')[0], 'crash': crash,
            'stdout': base64.b64encode(raw.getvalue()).decode(), 'file': None if written is None else base64.b64encode(written).decode()}


def main():
    script = sys.argv[1]
    code = compile(open(script, encoding='utf-8').read(), script, 'exec')
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    answers = []
    for name, args, data, *rest in CASES:
        data = data.encode() if isinstance(data, str) else data
        columns = rest[0] if rest else None
        answer = run(script, code, args, data, columns)
        answers.append({'name': name, 'args': args, **({'columns': columns} if columns else {}), 'input': base64.b64encode(data).decode(), **answer})
    json.dump(answers, sys.__stdout__, indent=1)
    sys.__stdout__.write('\n')


main()
