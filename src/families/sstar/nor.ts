/** The SigmaStar SPI-NOR family: its layout (./nor-base), its rules and what its images hold. */
import type { Family } from '../../layout/family';
import { sstarCompare } from './compare';
import { ERASED, norImagePieces, sstarBootImage } from './image-pieces';
import { sstarNorBase } from './nor-base';
import { SSTAR_NOR_RULES } from './rules';

export const sstarNorFamily: Family = { ...sstarNorBase, rules: SSTAR_NOR_RULES, compare: sstarCompare('nor'), imageFill: ERASED, imagePieces: norImagePieces, bootImage: sstarBootImage };
