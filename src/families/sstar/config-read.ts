/**
 * Reading a partition.config as the SDK's make would, with the choices a person makes said out
 * loud: a variable the conditions test but the file never sets (FLASH_SIZE in
 * `ifeq ($(FLASH_SIZE), 16M)`) takes the value the caller gives, else the first value it is
 * compared with, and the result lists each such input with its candidates and the one taken.
 */
import { readPartitionConfig, ALKAID_SUFFIXES, type PartitionConfig } from '../../codecs/partition-config';
import { quote } from '../../codecs/quote';
import { markerDefines } from './sdk-variables';

export interface ConfigChoice {
  /** The variable, e.g. FLASH_SIZE. */
  name: string;
  /** Lines of the conditions that test it. */
  lines: number[];
  /** The values it is compared with, in the order the file does. */
  values: string[];
  /** The value taken; "" is "none of these" (the variable left unset). */
  chosen: string;
}

export interface ConfigReading {
  config: PartitionConfig;
  choices: ConfigChoice[];
  warnings: string[];
}

/** Conditions nest at most this deep in practice; each round settles at least one input. */
const MAX_ROUNDS = 64;

export function readConfigWithChoices(text: string | Uint8Array, given: Readonly<Record<string, string>> = {}): ConfigReading {
  const chosen: Record<string, string> = {};
  const choices: ConfigChoice[] = [];
  const warnings: string[] = [];
  let config = readPartitionConfig(text, chosen);
  for (let round = 0; round < MAX_ROUNDS && config.inputs.length > 0; round++) {
    for (const input of config.inputs) {
      const value = given[input.name] ?? input.values[0] ?? '';
      chosen[input.name] = value;
      choices.push({ name: input.name, lines: input.lines, values: input.values, chosen: value });
      const where = `line${input.lines.length > 1 ? 's' : ''} ${input.lines.join(', ')}`;
      if (given[input.name] === undefined) {
        warnings.push(
          input.values.length > 0
            ? `${input.name} is not set in the file (${where} compare${input.lines.length > 1 ? '' : 's'} it with ${input.values.map(quote).join(', ')}); taking ${input.name} = ${value}`
            : `${input.name} is not set in the file (${where} test${input.lines.length > 1 ? '' : 's'} whether it is); taking it as unset`,
        );
      }
    }
    config = readPartitionConfig(text, chosen);
  }
  for (const name of Object.keys(given)) {
    if (!(name in chosen)) warnings.push(`${name} is not a variable the config's conditions test; its value is not used`);
  }
  // Variables left to the SDK are kept as references: read once more with each one as a marker.
  const inputs = new Set(Object.keys(chosen));
  const sdk = config.evaluation.undefinedReferences.map((reference) => reference.name).filter((name) => !inputs.has(name) && !(name in ALKAID_SUFFIXES));
  if (sdk.length > 0) config = readPartitionConfig(text, { ...chosen, ...markerDefines(sdk) });
  return { config, choices, warnings };
}
