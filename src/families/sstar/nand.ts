/** The SigmaStar SPI-NAND family: its layout (./nand-base), its rules and what its images hold. */
import type { Family } from '../../layout/family';
import { sstarCompare } from './compare';
import { ERASED, nandImagePieces, sstarBootImage } from './image-pieces';
import { sstarNandBase } from './nand-base';
import { SSTAR_NAND_RULES } from './rules';

export const sstarNandFamily: Family = { ...sstarNandBase, rules: SSTAR_NAND_RULES, compare: sstarCompare('nand'), imageFill: ERASED, imagePieces: nandImagePieces, bootImage: sstarBootImage };
