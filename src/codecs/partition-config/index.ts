export { evaluateMake, type ConditionInput, type MakeEvaluation, type MakeOptions, type MakeVariable } from './evaluate';
export {
  ALKAID_SUFFIXES,
  CONFIG_GLOBALS,
  IMAGE_FIELDS,
  makeWords,
  readPartitionConfig,
  type ConfigGlobal,
  type ConfigImage,
  type ConfigValue,
  type ImageField,
  type PartitionConfig,
} from './config';
export { configModel, writePartitionConfig, type ConfigModelImage, type PartitionConfigModel } from './write';
