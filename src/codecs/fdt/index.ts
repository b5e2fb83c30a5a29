/** Flattened device trees: header, bounded structure walk, node tree, and U-Boot FIT images on top. */
export { FDT_HEADER_SIZE, FDT_MAGIC, parseFdtHeader, type FdtHeader } from './header';
export { walkFdt, type FdtLimits, type FdtToken } from './walk';
export { childNode, property, propCells, propString, propStrings, propU32, readFdt, type Fdt, type FdtNode, type FdtProperty, type FdtReservation } from './tree';
export { fitExtent, fitSizeAt, readFit, type Fit, type FitConfiguration, type FitData, type FitHash, type FitImage, type FitSizeOptions } from './fit';
export type { ReadAt } from '../read-at';
