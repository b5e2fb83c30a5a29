/** The volume form's model: a UBI volume's values as typed, and the schema that turns them back into its fields. */
import { z } from 'zod';
import { FILESYSTEMS, formatHex, type Volume } from '../../src/index';
import { byteCount, formSchema, nonEmpty, type FieldReader } from './fields';

const shape = {
  name: z.string(),
  size: z.string(),
  sizeRest: z.boolean(),
  fs: z.union([z.literal(''), z.enum(FILESYSTEMS)]),
  readOnly: z.enum(['', 'ro', 'rw']),
  description: z.string(),
};

export type VolumeFormValues = z.output<z.ZodObject<typeof shape>>;
export type VolumeChanges = Partial<Omit<Volume, 'id'>>;

/** UBI_VOL_NAME_MAX. */
const NAME_MAX = 127;

export function volumeFormValues(volume: Volume, placedSize: number | undefined): VolumeFormValues {
  return {
    name: volume.name,
    size: formatHex(typeof volume.size === 'number' ? volume.size : (placedSize ?? 0)),
    sizeRest: volume.size === 'rest',
    fs: volume.fs ?? '',
    readOnly: volume.readOnly === undefined ? '' : volume.readOnly ? 'ro' : 'rw',
    description: volume.description ?? '',
  };
}

function readVolume(values: VolumeFormValues, reader: FieldReader<VolumeFormValues>, volume: Volume): VolumeChanges {
  const name = reader.read('name', nonEmpty);
  if (name !== undefined && name.length > NAME_MAX) reader.refuse('name', `at most ${NAME_MAX} characters (UBI_VOL_NAME_MAX)`);
  return {
    name: name !== undefined && name.length <= NAME_MAX ? name : volume.name,
    size: values.sizeRest ? 'rest' : reader.read('size', byteCount),
    fs: values.fs === '' ? undefined : values.fs,
    readOnly: values.readOnly === '' ? undefined : values.readOnly === 'ro',
    description: values.description === (volume.description ?? '') ? volume.description : values.description || undefined,
  };
}

export function volumeFormSchema(volume: Volume) {
  return formSchema(shape, (values, reader) => readVolume(values, reader, volume));
}
