export { ALKAID_SUFFIXES, makeWords, readPartitionConfig, type ConfigImage, type ConfigValue, type PartitionConfig } from './config';
export { configModel, writePartitionConfig, type ConfigModelImage, type PartitionConfigModel } from './write';
